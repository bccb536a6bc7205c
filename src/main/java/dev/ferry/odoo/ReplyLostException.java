package dev.ferry.odoo;

/**
 * A writing call reached (or may have reached) Odoo but no reply came back: the connection dropped, the
 * read timed out, or a gateway answered 502/504. Odoo may have committed it. The writer must not re-send
 * it blindly: mark the batch UNKNOWN and read the external ids back first.
 */
public final class ReplyLostException extends OdooException {
    private final String model;
    private final String method;

    public ReplyLostException(String model, String method, String message, Throwable cause) {
        super(message, cause);
        this.model = model;
        this.method = method;
    }

    /** The model of the lost call, or null for a {@code common} call. */
    public String model() {
        return model;
    }

    public String method() {
        return method;
    }
}
