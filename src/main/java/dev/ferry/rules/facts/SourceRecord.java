package dev.ferry.rules.facts;

import dev.ferry.finding.Origin;

import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One record of a source export, as rules see it. Each catalog object also gets a DRL type that extends this
 * class with the object's fields as typed properties (e.g. {@code Contact( contact_status == "Customer" )}),
 * because Drools indexes only real properties.
 *
 * <p>Every non-empty field must end claimed: mapped with {@link #take}, or declared lossy or ignored through
 * {@code out}. A field left unclaimed fails the compile (DESIGN invariant 1).
 */
public class SourceRecord {
    private String platform;
    private String object;
    private String key;
    private String file;
    private int line;
    private RecordShape shape;
    private Object[] values;
    private Map<String, Object> custom = Map.of();
    private final BitSet claimed = new BitSet();
    private TreeSet<String> customClaimed;
    private Map<String, Integer> referencedBy = Map.of();
    private Map<String, String> duplicates = Map.of();
    /** Built on first use: rules join on it and every emission carries it. */
    private String recordKey;
    private Origin origin;

    /** For the DRL types that extend this class; Ferry fills the record through {@link #init}. */
    public SourceRecord() {
    }

    /** Fills the record; called once by the reader, never by rules. */
    public void init(String platform, String object, String key, String file, int line, RecordShape shape,
                     Object[] values) {
        this.platform = platform;
        this.object = object;
        this.key = key;
        this.file = file;
        this.line = line;
        this.shape = shape;
        this.values = values;
        this.recordKey = null;
        this.origin = null;
    }

    /** Attaches custom-field values (key → parsed value); called by the reader. */
    public void attachCustom(Map<String, Object> customValues) {
        this.custom = customValues == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(customValues));
    }

    /** Attaches counts of records of other objects pointing at this one; called by the reader. */
    public void attachReferencedBy(Map<String, Integer> counts) {
        this.referencedBy = counts == null ? Map.of() : counts;
    }

    /** Attaches, per dedupe field, the key of the earlier record with the same value; called by the reader. */
    public void attachDuplicates(Map<String, String> dups) {
        this.duplicates = dups == null ? Map.of() : dups;
    }

    /** Dedupe fields whose value repeats an earlier record's, with that record's key; empty when unique. */
    public Map<String, String> getDuplicates() {
        return duplicates;
    }

    /** Catalog object name, e.g. {@code contact}. */
    public String getObject() {
        return object;
    }

    /** The record's key as exported, e.g. {@code C-1001}. */
    public String getKey() {
        return key;
    }

    /** Platform-qualified record key, e.g. {@code aspec/contact#C-1001}. */
    public String getRecordKey() {
        String k = recordKey;
        if (k == null) {
            k = platform + "/" + object + "#" + key;
            recordKey = k;
        }
        return k;
    }

    public String getPlatform() {
        return platform;
    }

    /** Export file and line (or row) the record was read from. */
    public Origin origin() {
        Origin o = origin;
        if (o == null) {
            o = new Origin(file, line, 0, getRecordKey(), null);
            origin = o;
        }
        return o;
    }

    /** The parsed value of a catalog field, or null when empty. Does not claim the field. */
    public Object get(String field) {
        return values[shape.index(field)];
    }

    /** The value as text (dates ISO, decimals plain), or null when empty. Does not claim the field. */
    public String text(String field) {
        Object v = get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /** True when the field has a value: null, empty strings and empty lists count as absent. */
    public boolean has(String field) {
        return present(get(field));
    }

    /** Returns the value and marks the field as mapped. */
    public Object take(String field) {
        claimed.set(shape.index(field));
        return get(field);
    }

    /** Marks the key fields as mapped: they live on in the external id. */
    public void claimKey() {
        for (String k : shape.keyFields()) {
            claimed.set(shape.index(k));
        }
    }

    /** Marks fields as consumed by the calling rule, e.g. when they only drive a classification. */
    public void claim(String... fields) {
        for (String f : fields) {
            claimed.set(shape.index(f));
        }
    }

    /** The list value of a {@code list} field, never null. Does not claim the field. */
    @SuppressWarnings("unchecked")
    public List<String> list(String field) {
        Object v = get(field);
        return v == null ? List.of() : (List<String>) v;
    }

    /** Custom-field values by key; the keys are the platform's own. */
    public Map<String, Object> getCustom() {
        return custom;
    }

    /** Marks a custom field as mapped. */
    public void claimCustom(String customKey) {
        if (customClaimed == null) {
            customClaimed = new TreeSet<>();
        }
        customClaimed.add(customKey);
    }

    /** How many records of {@code object} point at this record through a ref field (e.g. jobs of a contact). */
    public int referencedBy(String otherObject) {
        return referencedBy.getOrDefault(otherObject, 0);
    }

    /** Fields with a value that no rule claimed; the compiler reports them. */
    public List<String> unclaimed() {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (!claimed.get(i) && present(values[i])) {
                out.add(shape.name(i));
            }
        }
        for (var e : custom.entrySet()) {
            if ((customClaimed == null || !customClaimed.contains(e.getKey())) && present(e.getValue())) {
                out.add("custom." + e.getKey());
            }
        }
        return out;
    }

    /** Field names of this record's object in catalog order. */
    public List<String> fieldNames() {
        return shape.names();
    }

    static boolean present(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }

    @Override
    public String toString() {
        return getRecordKey();
    }
}
