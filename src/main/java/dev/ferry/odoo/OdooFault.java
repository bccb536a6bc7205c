package dev.ferry.odoo;

/**
 * Odoo answered with an error: an XML-RPC fault, or a JSON-2 error body. The call was rolled back by Odoo.
 * Never retried: the same request would fail the same way.
 */
public final class OdooFault extends OdooException {
    /** Fault code as XML-RPC numbers them. */
    public static final int UNEXPECTED = 1;
    public static final int USER_ERROR = 2;
    public static final int ACCESS_DENIED = 3;
    public static final int ACCESS_ERROR = 4;

    private final String model;
    private final String method;
    private final int code;
    private final String faultString;
    private final int httpStatus;
    private final String errorName;

    /**
     * @param model       the model called, or null for {@code common} calls
     * @param method      the method called
     * @param code        XML-RPC fault code (1 unexpected error with a traceback, 2 user/validation error,
     *                    3 access denied, 4 access error); for JSON-2 derived from {@code name}
     * @param faultString Odoo's text: the faultString, or the JSON-2 {@code message}
     * @param httpStatus  HTTP status of a JSON-2 error, 0 for XML-RPC (which answers faults with 200)
     * @param errorName   JSON-2 {@code name} (e.g. {@code odoo.exceptions.ValidationError}), null for XML-RPC
     */
    public OdooFault(String model, String method, int code, String faultString, int httpStatus, String errorName) {
        super(headline(model, method, code, faultString, httpStatus), null);
        this.model = model;
        this.method = method;
        this.code = code;
        this.faultString = faultString == null ? "" : faultString;
        this.httpStatus = httpStatus;
        this.errorName = errorName;
    }

    private static String headline(String model, String method, int code, String faultString, int httpStatus) {
        String target = model == null ? method : model + "." + method;
        String status = httpStatus == 0 ? "" : " (HTTP " + httpStatus + ")";
        return "Odoo fault " + code + status + " on " + target + ": " + summarize(faultString);
    }

    /**
     * One greppable line from a fault text: for a Python traceback its last line (the exception, e.g.
     * {@code ValueError: Invalid field 'x' on model 'res.partner'}), otherwise the text with line breaks
     * folded into spaces.
     */
    public static String summarize(String faultString) {
        if (faultString == null || faultString.isBlank()) {
            return "(no fault text)";
        }
        String text = faultString.strip();
        if (text.startsWith("Traceback (most recent call last):")) {
            String[] lines = text.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return lines[i].strip();
                }
            }
        }
        return text.replaceAll("\\s*\\n\\s*", " ");
    }

    public String model() {
        return model;
    }

    public String method() {
        return method;
    }

    public int code() {
        return code;
    }

    /** Odoo's full text, traceback included. */
    public String faultString() {
        return faultString;
    }

    /** {@link #summarize(String)} of the fault text. */
    public String summary() {
        return summarize(faultString);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String errorName() {
        return errorName;
    }

    /** Whether Odoo reported a user or validation error (bad data), as opposed to a server-side failure. */
    public boolean isUserError() {
        return code == USER_ERROR;
    }
}
