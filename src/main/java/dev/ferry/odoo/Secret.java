package dev.ferry.odoo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A password or API key. It prints as {@code ****} everywhere (toString, records holding it, exception
 * messages) so it cannot leak into logs, journals or reports; only the transports read the value.
 * Secrets come from an environment variable or a file, never from a command-line option.
 */
public final class Secret {
    /** What every secret prints as. */
    public static final String MASK = "****";

    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    /** Wraps a copy of {@code value}; the caller may wipe its array afterwards. */
    public static Secret of(char[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("secret is empty; expected a password or API key");
        }
        return new Secret(value.clone());
    }

    /** Reads the secret from the process environment, e.g. {@code Secret.fromEnv("ODOO_PASSWORD")}. */
    public static Secret fromEnv(String variable) {
        return fromEnv(variable, System.getenv());
    }

    /** Reads the secret from {@code environment} (tests pass their own map); the value is used as is. */
    public static Secret fromEnv(String variable, Map<String, String> environment) {
        String v = environment.get(variable);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + variable
                    + " is not set or empty; expected the Odoo password or API key in it");
        }
        return new Secret(v.toCharArray());
    }

    /**
     * Reads the secret from a UTF-8 file; trailing line breaks are dropped because {@code echo key > file}
     * adds one. The file's content never appears in the error when it cannot be read.
     */
    public static Secret fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("secret file '" + file + "' cannot be read ("
                    + e.getClass().getSimpleName() + "); expected a readable file holding the password or API key");
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new IllegalArgumentException("secret file '" + file + "' is empty; expected the password or API key");
        }
        return new Secret(text.substring(0, end).toCharArray());
    }

    /** The clear value, for the transports only (same package). */
    String reveal() {
        return new String(value);
    }

    /** Whether {@code candidate} equals the secret, compared in constant time. */
    public boolean matches(CharSequence candidate) {
        if (candidate == null) {
            return false;
        }
        int diff = candidate.length() ^ value.length;
        for (int i = 0; i < value.length; i++) {
            char c = i < candidate.length() ? candidate.charAt(i) : 0;
            diff |= c ^ value[i];
        }
        return diff == 0;
    }

    /**
     * Replaces every occurrence of the secret in {@code text} by {@link #MASK}; used on any text a server
     * sends back before it goes into an exception, because a hostile or buggy server may echo the request.
     */
    public String redact(String text) {
        if (text == null || value.length == 0) {
            return text;
        }
        return text.replace(new String(value), MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
