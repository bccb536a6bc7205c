package dev.ferry.rules.facts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Field names of one source object and their positions, shared by all its records to keep records small. */
public final class RecordShape {
    private final String object;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> keyFields;

    public RecordShape(String object, List<String> names, List<String> keyFields) {
        this.object = object;
        this.names = List.copyOf(names);
        this.keyFields = List.copyOf(keyFields);
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
    }

    /** Position of a field; an unknown name is a rule bug, reported with the object's real field names. */
    public int index(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("object '" + object + "' has no field '" + name + "'; its fields are "
                    + String.join(", ", names));
        }
        return i;
    }

    /** The fields that form the record key. */
    public List<String> keyFields() {
        return keyFields;
    }

    public String name(int i) {
        return names.get(i);
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }
}
