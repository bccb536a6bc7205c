package dev.ferry.odoo;

import java.util.Set;

/**
 * The Odoo methods that change nothing, so re-sending them after a lost reply is harmless. Every other
 * method counts as writing, including ones Ferry does not know: a lost reply to those is never re-sent.
 */
final class ReadOnlyMethods {
    private static final Set<String> READ_ONLY = Set.of(
            "version", "authenticate", "login", "about",
            "read", "search", "search_read", "search_count", "fields_get", "name_search", "default_get",
            "exists", "read_group", "check_access_rights", "check_access", "context_get", "get_metadata",
            "name_get", "has_group");

    private ReadOnlyMethods() {
    }

    static boolean isReadOnly(String method) {
        return READ_ONLY.contains(method);
    }
}
