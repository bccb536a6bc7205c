package dev.ferry.odoo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Who the writer logs in as: the Odoo login and its password or API key. Prints as
 * {@code Credentials[login=admin, secret=****]}.
 *
 * @param login  the user's login, e.g. {@code admin}; JSON-2 uses it only to find the user id
 * @param secret the password (XML-RPC) or API key (XML-RPC and JSON-2)
 */
public record Credentials(String login, Secret secret) {

    public Credentials {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(secret, "secret");
    }

    /** Login plus a secret read from an environment variable, e.g. {@code fromEnv("admin", "ODOO_PASSWORD")}. */
    public static Credentials fromEnv(String login, String variable) {
        return new Credentials(login, Secret.fromEnv(variable));
    }

    /** Login plus a secret read from a file. */
    public static Credentials fromFile(String login, Path file) {
        return new Credentials(login, Secret.fromFile(file));
    }
}
