/** Talking to Odoo: the XML-RPC and JSON-2 transports behind {@link dev.ferry.odoo.OdooClient}, credentials, faults and retries. */
package dev.ferry.odoo;
