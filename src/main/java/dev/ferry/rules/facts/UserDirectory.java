package dev.ferry.rules.facts;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users of the target Odoo (id, login, e-mail, name), read from a users file or pulled from a server.
 * Look-ups by e-mail or login are case-insensitive, as e-mail addresses are in practice.
 */
public final class UserDirectory {
    /** One Odoo user. */
    public record User(long id, String login, String email, String name) {
    }

    private final Map<String, User> byEmail = new TreeMap<>();

    public UserDirectory add(User user) {
        if (user.email() != null && !user.email().isBlank()) {
            byEmail.putIfAbsent(norm(user.email()), user);
        }
        if (user.login() != null && !user.login().isBlank()) {
            byEmail.putIfAbsent(norm(user.login()), user);
        }
        return this;
    }

    /** The user whose e-mail or login matches, or null. */
    public User byEmail(String email) {
        return email == null ? null : byEmail.get(norm(email));
    }

    /** Every user, by id. */
    public java.util.List<User> all() {
        Map<Long, User> byId = new TreeMap<>();
        byEmail.values().forEach(u -> byId.putIfAbsent(u.id(), u));
        return java.util.List.copyOf(byId.values());
    }

    public boolean isEmpty() {
        return byEmail.isEmpty();
    }

    private static String norm(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
