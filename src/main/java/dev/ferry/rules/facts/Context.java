package dev.ferry.rules.facts;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What rules may know about the target and the run, as the {@code ctx} global: Odoo version, installed apps,
 * the target's users, the source platform's users, and options from {@code case.yaml} or the command line.
 */
public final class Context {
    private final String platform;
    private final int odooMajor;
    private final Set<String> apps;
    private final UserDirectory odooUsers;
    private final Map<String, String> sourceUserEmails;
    private final Map<String, String> options;
    private final Map<String, Map<String, SourceRecord>> lookups;
    private final Index indexed;

    /** Values of the catalog's index fields, by {@code object.field} and record key. */
    public interface Index {
        /** The value, or null when the record has none or does not exist. */
        Object value(String objectField, String key);
    }

    /**
     * @param platform         source platform id, used for external ids
     * @param odooMajor        target major version, e.g. 17
     * @param apps             installed Odoo apps ({@code crm}, {@code maintenance}, ...)
     * @param odooUsers        the target's users
     * @param sourceUserEmails source user name or e-mail (lower case) → e-mail, from the export's users object
     * @param options          free options such as {@code fallback-owner}
     * @param lookups          records of the catalog's lookup objects by object and key
     * @param indexed          values of index fields by {@code object.field} and key
     */
    public Context(String platform, int odooMajor, Set<String> apps, UserDirectory odooUsers,
                   Map<String, String> sourceUserEmails, Map<String, String> options,
                   Map<String, Map<String, SourceRecord>> lookups, Index indexed) {
        this.lookups = lookups;
        this.indexed = indexed;
        this.platform = platform;
        this.odooMajor = odooMajor;
        this.apps = Set.copyOf(apps);
        this.odooUsers = odooUsers;
        this.sourceUserEmails = Map.copyOf(sourceUserEmails);
        this.options = new TreeMap<>(options);
    }

    public String getPlatform() {
        return platform;
    }

    /** The target's major version, e.g. 17, 18 or 19. */
    public int getVersion() {
        return odooMajor;
    }

    /** True when the target version is at least {@code major}. */
    public boolean atLeast(int major) {
        return odooMajor >= major;
    }

    public boolean hasApp(String app) {
        return apps.contains(app);
    }

    /** An option's value, or null. */
    public String option(String name) {
        return options.get(name);
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** The target users. */
    public UserDirectory users() {
        return odooUsers;
    }

    /** The e-mail of a source user given by name or e-mail, or null when the export does not know them. */
    public String sourceUserEmail(String nameOrEmail) {
        if (nameOrEmail == null) {
            return null;
        }
        String key = nameOrEmail.trim().toLowerCase(Locale.ROOT);
        String email = sourceUserEmails.get(key);
        if (email == null && key.contains("@")) {
            return nameOrEmail.trim();
        }
        return email;
    }

    /** A record of a lookup object (e.g. a currency by code), or null when the export has none with that key. */
    public SourceRecord lookup(String object, Object key) {
        return key == null ? null : lookups.getOrDefault(object, Map.of()).get(key.toString());
    }

    /** Every record of a lookup object, in export order. */
    public java.util.Collection<SourceRecord> lookupAll(String object) {
        return lookups.getOrDefault(object, Map.of()).values();
    }

    /** The value of an index field of another record, e.g. a contact's status from an interaction; null if none. */
    public Object value(String object, Object key, String field) {
        return key == null ? null : indexed.value(object + "." + field, key.toString());
    }

    public Map<String, String> options() {
        return options;
    }
}
