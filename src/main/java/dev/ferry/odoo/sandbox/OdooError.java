package dev.ferry.odoo.sandbox;

import java.util.List;

/**
 * An exception as Odoo's Python code would raise it, rendered later by each protocol: XML-RPC turns it into a
 * fault (code 2 with the plain text for user errors, code 1 with a traceback for anything else), JSON-2 into
 * an error body with the HTTP status Odoo uses for that class.
 */
final class OdooError extends RuntimeException {
    /** Fully qualified Python class, e.g. {@code odoo.exceptions.ValidationError} or {@code builtins.ValueError}. */
    final String pythonClass;
    /** {@code str(exception)}. */
    final String text;
    /** HTTP status for JSON-2. */
    final int status;

    private OdooError(String pythonClass, String text, int status) {
        super(pythonClass + ": " + text, null, false, false);
        this.pythonClass = pythonClass;
        this.text = text;
        this.status = status;
    }

    static OdooError userError(String text) {
        return new OdooError("odoo.exceptions.UserError", text, 422);
    }

    static OdooError validation(String text) {
        return new OdooError("odoo.exceptions.ValidationError", text, 422);
    }

    static OdooError missing(String model, List<Long> ids, long uid) {
        return new OdooError("odoo.exceptions.MissingError", "Record does not exist or has been deleted.\n(Record: "
                + PythonRepr.recordset(model, ids) + ", User: " + uid + ")", 404);
    }

    static OdooError accessError(String text) {
        return new OdooError("odoo.exceptions.AccessError", text, 403);
    }

    static OdooError accessDenied() {
        return new OdooError("odoo.exceptions.AccessDenied", "Access Denied", 401);
    }

    /** A Python built-in exception, e.g. {@code python("ValueError", "Wrong value ...")}. */
    static OdooError python(String builtin, String text) {
        return new OdooError("builtins." + builtin, text, 500);
    }

    /** Any other class with its own status, e.g. {@code werkzeug.exceptions.NotFound} / 404. */
    static OdooError of(String pythonClass, String text, int status) {
        return new OdooError(pythonClass, text, status);
    }

    /** The XML-RPC fault code Odoo's {@code xmlrpc_handle_exception_int} gives this class. */
    int faultCode() {
        return switch (pythonClass) {
            case "odoo.exceptions.AccessError" -> 4;
            case "odoo.exceptions.AccessDenied" -> 3;
            case "odoo.exceptions.UserError", "odoo.exceptions.ValidationError", "odoo.exceptions.MissingError",
                 "odoo.exceptions.RedirectWarning" -> 2;
            default -> 1;
        };
    }

    /** The faultString: the text for codes 2 to 4, a Python traceback for code 1. */
    String faultString(String where) {
        return faultCode() == 1 ? traceback(where) : text;
    }

    /** A traceback shaped like Python's, ending with {@code ShortClass: text}; frames name the sandbox honestly. */
    String traceback(String where) {
        String shortName = pythonClass.startsWith("builtins.") ? pythonClass.substring("builtins.".length()) : pythonClass;
        return "Traceback (most recent call last):\n"
                + "  File \"<ferry odoo sandbox>\", line 1, in " + where + "\n"
                + "    (the sandbox raises what Odoo raises here)\n"
                + shortName + ": " + text + "\n";
    }
}
