package dev.ferry.odoo.sandbox;

import java.util.Map;

/**
 * The environment of one call: Odoo's context dict and the user.
 *
 * @param context the call's context; keys such as {@code tracking_disable} are accepted, and only those the
 *                sandbox models ({@code active_test}, {@code _import_limit}, {@code module}, ...) change anything
 * @param uid     the user id
 */
record Ctx(Map<String, Object> context, long uid) {

    Ctx {
        context = context == null ? Map.of() : context;
    }

    /** Python truthiness of a context value. */
    boolean flag(String key) {
        Object v = context.get(key);
        return v != null && !Boolean.FALSE.equals(v) && !"".equals(v) && !(v instanceof Number n && n.doubleValue() == 0);
    }

    Object get(String key) {
        return context.get(key);
    }
}
