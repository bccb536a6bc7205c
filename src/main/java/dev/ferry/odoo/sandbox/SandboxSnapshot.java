package dev.ferry.odoo.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable copy of every record in the sandbox, for "after rollback the database equals its state before
 * the load" assertions. {@code write_date} and {@code write_uid} are left out: Odoo stamps them on every write,
 * so a record restored to its old values would otherwise never compare equal.
 *
 * @param records model → id → field → stored value (null for empty; ids as Long, x2many as lists of ids)
 */
public record SandboxSnapshot(SortedMap<String, SortedMap<Long, Map<String, Object>>> records) {

    /** Fields a snapshot leaves out. */
    static final List<String> IGNORED = List.of("write_date", "write_uid");

    /** The records of one model, by id. */
    public SortedMap<Long, Map<String, Object>> records(String model) {
        return records.getOrDefault(model, Collections.emptySortedMap());
    }

    /** Readable differences, one per line ({@code res.partner#12 only in the other snapshot}, field changes). */
    public List<String> differences(SandboxSnapshot other) {
        List<String> out = new ArrayList<>();
        TreeSet<String> models = new TreeSet<>(records.keySet());
        models.addAll(other.records.keySet());
        for (String model : models) {
            SortedMap<Long, Map<String, Object>> a = records(model);
            SortedMap<Long, Map<String, Object>> b = other.records(model);
            TreeSet<Long> ids = new TreeSet<>(a.keySet());
            ids.addAll(b.keySet());
            for (long id : ids) {
                Map<String, Object> ra = a.get(id);
                Map<String, Object> rb = b.get(id);
                if (ra == null) {
                    out.add(model + "#" + id + " only in the other snapshot");
                } else if (rb == null) {
                    out.add(model + "#" + id + " only in this snapshot");
                } else {
                    TreeSet<String> fields = new TreeSet<>(ra.keySet());
                    fields.addAll(rb.keySet());
                    for (String f : fields) {
                        if (!Objects.equals(ra.get(f), rb.get(f))) {
                            out.add(model + "#" + id + "." + f + ": " + ra.get(f) + " -> " + rb.get(f));
                        }
                    }
                }
            }
        }
        return out;
    }

    static SandboxSnapshot of(Store store) {
        SortedMap<String, SortedMap<Long, Map<String, Object>>> all = new TreeMap<>();
        for (String model : store.models()) {
            SortedMap<Long, Map<String, Object>> table = new TreeMap<>();
            for (var e : store.table(model).entrySet()) {
                TreeMap<String, Object> row = new TreeMap<>();
                e.getValue().forEach((k, v) -> {
                    if (!IGNORED.contains(k) && v != null) {
                        row.put(k, v instanceof List<?> l ? Collections.unmodifiableList(new ArrayList<>(l)) : v);
                    }
                });
                table.put(e.getKey(), Collections.unmodifiableSortedMap(row));
            }
            all.put(model, Collections.unmodifiableSortedMap(table));
        }
        return new SandboxSnapshot(Collections.unmodifiableSortedMap(all));
    }
}
