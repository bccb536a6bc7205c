package dev.ferry.odoo;

/**
 * The server answered, but not with an acceptable reply: malformed or hostile XML (a DOCTYPE, an external
 * entity, a Java-serialized value), an unexpected HTTP status, or a non-JSON body where JSON-2 was expected.
 */
public final class OdooProtocolException extends OdooException {
    public OdooProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
