package dev.ferry.odoo.sandbox;

/**
 * Which call a fault rule hits: the {@code occurrence}-th call (1-based) among those matching {@code model} and
 * {@code method}. Only model-method calls count ({@code execute_kw} and JSON-2 calls), not version or login.
 *
 * @param model      model name, or null for any
 * @param method     method name, or null for any
 * @param occurrence which matching call, from 1
 */
public record CallMatcher(String model, String method, int occurrence) {

    public CallMatcher {
        if (occurrence < 1) {
            throw new IllegalArgumentException("call occurrence is " + occurrence + "; expected 1 or more");
        }
    }

    /** The n-th model-method call of the sandbox, whatever it is. */
    public static CallMatcher call(int n) {
        return new CallMatcher(null, null, n);
    }

    /** The n-th call of {@code method} on any model, e.g. {@code nth("load", 2)} for the second batch. */
    public static CallMatcher nth(String method, int n) {
        return new CallMatcher(null, method, n);
    }

    public static CallMatcher nth(String model, String method, int n) {
        return new CallMatcher(model, method, n);
    }

    boolean matches(String m, String meth) {
        return (model == null || model.equals(m)) && (method == null || method.equals(meth));
    }
}
