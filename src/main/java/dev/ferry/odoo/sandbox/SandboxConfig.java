package dev.ferry.odoo.sandbox;

/**
 * Who may log in and what the sandbox says about itself.
 *
 * @param database database name callers must use
 * @param login    the admin's login
 * @param password the admin's password (accepted by XML-RPC)
 * @param apiKey   the admin's API key (accepted by XML-RPC as a password, and by JSON-2 as bearer token)
 * @param serie    version as {@code server_serie}, e.g. {@code 17.0}
 * @param json2    whether {@code /json/2} is served (Odoo 19+), else it redirects to the login page like 18
 */
record SandboxConfig(String database, String login, String password, String apiKey, String serie, boolean json2) {

    boolean secretMatches(Object given) {
        return given instanceof String s && (s.equals(password) || s.equals(apiKey));
    }
}
