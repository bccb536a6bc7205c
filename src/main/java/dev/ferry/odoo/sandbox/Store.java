package dev.ferry.odoo.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The records, per model, with an undo log so one call can be rolled back whole (Odoo runs each call in one
 * transaction) and {@code load} can roll back one record (Odoo's savepoints). Id sequences are not rolled
 * back, as PostgreSQL sequences are not. External ids ({@code ir.model.data} module + name) are indexed,
 * because {@code load} looks one up for nearly every cell of a reference column.
 */
final class Store {
    private final Map<String, TreeMap<Long, Map<String, Object>>> tables = new TreeMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<Runnable> undo = new ArrayList<>();
    private final Map<String, Long> xmlids = new HashMap<>();

    void addModel(String model) {
        tables.putIfAbsent(model, new TreeMap<>());
        sequences.putIfAbsent(model, 0L);
    }

    boolean hasModel(String model) {
        return tables.containsKey(model);
    }

    NavigableMap<Long, Map<String, Object>> table(String model) {
        return Collections.unmodifiableNavigableMap(tables.get(model));
    }

    long nextId(String model) {
        long id = sequences.merge(model, 1L, Long::sum);
        while (tables.get(model).containsKey(id)) {
            id = sequences.merge(model, 1L, Long::sum);
        }
        return id;
    }

    /** Moves the sequence past {@code id}, for seeded records with fixed ids. */
    void reserve(String model, long id) {
        sequences.merge(model, id, Math::max);
    }

    Map<String, Object> get(String model, long id) {
        TreeMap<Long, Map<String, Object>> t = tables.get(model);
        return t == null ? null : t.get(id);
    }

    boolean exists(String model, long id) {
        return get(model, id) != null;
    }

    void insert(String model, long id, Map<String, Object> values) {
        TreeMap<Long, Map<String, Object>> t = tables.get(model);
        Map<String, Object> row = new HashMap<>(values);
        t.put(id, row);
        index(model, id, row, true);
        undo.add(() -> {
            t.remove(id);
            index(model, id, row, false);
        });
    }

    void set(String model, long id, String field, Object value) {
        Map<String, Object> row = tables.get(model).get(id);
        boolean had = row.containsKey(field);
        index(model, id, row, false);
        Object old = row.put(field, value);
        index(model, id, row, true);
        undo.add(() -> {
            index(model, id, row, false);
            if (had) {
                row.put(field, old);
            } else {
                row.remove(field);
            }
            index(model, id, row, true);
        });
    }

    void delete(String model, long id) {
        TreeMap<Long, Map<String, Object>> t = tables.get(model);
        Map<String, Object> old = t.remove(id);
        if (old != null) {
            index(model, id, old, false);
            undo.add(() -> {
                t.put(id, old);
                index(model, id, old, true);
            });
        }
    }

    /** The ir.model.data id of {@code module.name}, or null. */
    Long xmlid(String module, String name) {
        return xmlids.get(module + "." + name);
    }

    private void index(String model, long id, Map<String, Object> row, boolean add) {
        if (!"ir.model.data".equals(model)) {
            return;
        }
        String key = row.get("module") + "." + row.get("name");
        if (add) {
            xmlids.put(key, id);
        } else {
            xmlids.remove(key, id);
        }
    }

    /** A point to roll back to. */
    int mark() {
        return undo.size();
    }

    void rollbackTo(int mark) {
        for (int i = undo.size() - 1; i >= mark; i--) {
            undo.remove(i).run();
        }
    }

    /** Forgets the undo log: the call committed. */
    void commit() {
        undo.clear();
    }

    Iterable<String> models() {
        return tables.keySet();
    }
}
