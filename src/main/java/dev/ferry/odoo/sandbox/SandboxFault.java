package dev.ferry.odoo.sandbox;

/**
 * A fault the sandbox answers instead of running a call. Over XML-RPC it is a fault with {@code code} and
 * {@code faultString}; over JSON-2 an error body with {@code httpStatus}, {@code errorName} and the fault's
 * summary as {@code message}.
 *
 * @param code        XML-RPC fault code (1 unexpected, 2 user error, 3 access denied, 4 access error)
 * @param faultString XML-RPC faultString (a traceback for code 1)
 * @param httpStatus  JSON-2 status
 * @param errorName   JSON-2 {@code name}, e.g. {@code odoo.exceptions.UserError}
 * @param message     JSON-2 {@code message}
 */
public record SandboxFault(int code, String faultString, int httpStatus, String errorName, String message) {

    /** An Odoo UserError: fault 2, HTTP 422. */
    public static SandboxFault userError(String message) {
        return new SandboxFault(2, message, 422, "odoo.exceptions.UserError", message);
    }

    /** An Odoo ValidationError: fault 2, HTTP 422. */
    public static SandboxFault validationError(String message) {
        return new SandboxFault(2, message, 422, "odoo.exceptions.ValidationError", message);
    }

    /**
     * An unexpected server error: fault 1 whose faultString is a traceback ending with {@code exceptionLine},
     * HTTP 500. E.g. {@code serverError("psycopg2.errors.SerializationFailure", "could not serialize access")}.
     */
    public static SandboxFault serverError(String exceptionClass, String message) {
        OdooError e = OdooError.of(exceptionClass.contains(".") ? exceptionClass : "builtins." + exceptionClass, message, 500);
        return new SandboxFault(1, e.traceback("execute_kw"), 500, e.pythonClass, message);
    }

    /** Wrong credentials: fault 3 {@code Access Denied}, HTTP 401. */
    public static SandboxFault accessDenied() {
        return new SandboxFault(3, "Access Denied", 401, "odoo.exceptions.AccessDenied", "Access Denied");
    }
}
