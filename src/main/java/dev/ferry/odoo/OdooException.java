package dev.ferry.odoo;

/**
 * Anything that went wrong talking to Odoo. The subtypes tell the caller what it may do next:
 * <ul>
 *   <li>{@link OdooFault}: Odoo answered and refused the call; nothing of it was saved.</li>
 *   <li>{@link AuthenticationException}: the login or key was refused.</li>
 *   <li>{@link OdooUnreachableException}: the request never got through (after retries); nothing was applied.</li>
 *   <li>{@link ReplyLostException}: a writing call was sent but its reply was lost; it may or may not have
 *       been applied, so read back before doing anything else.</li>
 *   <li>{@link OdooProtocolException}: the server answered something that is not an acceptable reply.</li>
 * </ul>
 * Messages never contain the password or API key.
 */
public abstract sealed class OdooException extends RuntimeException
        permits OdooFault, AuthenticationException, OdooUnreachableException, ReplyLostException, OdooProtocolException {

    protected OdooException(String message, Throwable cause) {
        super(message, cause);
    }
}
