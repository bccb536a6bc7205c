package dev.ferry.odoo;

/**
 * The request did not get through: connection refused or timed out, TLS failed, or the server kept answering
 * 503. Nothing was applied, so the caller may safely try again later.
 */
public final class OdooUnreachableException extends OdooException {
    private final int attempts;

    public OdooUnreachableException(String message, int attempts, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
    }

    /** How many times the request was tried. */
    public int attempts() {
        return attempts;
    }
}
