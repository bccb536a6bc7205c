package dev.ferry.odoo;

/** The wire protocol a client speaks; {@link #AUTO} picks JSON-2 for Odoo 19 and later, XML-RPC before. */
public enum Protocol {
    AUTO,
    /** {@code /xmlrpc/2/common} and {@code /xmlrpc/2/object}; Odoo 16 to 19 (deprecated in 19). */
    XML_RPC,
    /** {@code POST /json/2/<model>/<method>} with a bearer API key; Odoo 19 and later. */
    JSON_2
}
