package dev.ferry.odoo;

/** Odoo refused the login, password or API key (XML-RPC {@code authenticate} → False, fault 3, JSON-2 401). */
public final class AuthenticationException extends OdooException {
    public AuthenticationException(String message) {
        super(message, null);
    }
}
