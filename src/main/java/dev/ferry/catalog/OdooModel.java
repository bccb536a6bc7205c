package dev.ferry.catalog;

import java.util.Map;
import java.util.SortedMap;

/**
 * One Odoo model of a target catalog.
 *
 * @param name   technical model name, e.g. {@code res.partner}
 * @param fields fields by name, sorted
 */
public record OdooModel(String name, SortedMap<String, OdooField> fields) {

    public OdooField field(String fieldName) {
        return fields.get(fieldName);
    }

    public boolean hasField(String fieldName) {
        return fields.containsKey(fieldName);
    }

    public Map<String, OdooField> fieldMap() {
        return fields;
    }
}
