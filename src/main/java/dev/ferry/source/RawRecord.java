package dev.ferry.source;

import java.util.Map;

/**
 * One record as read from an export, its values parsed per the catalog's field types.
 *
 * @param object     catalog object name
 * @param key        the record key (the key field's text)
 * @param file       export file name relative to the export folder
 * @param line       1-based line of the record's first line (CSV), row (XLSX) or array index + 1 (JSON)
 * @param values     parsed values in catalog field order; null for empty
 * @param custom     custom-field values joined from the platform's custom-value object (key → parsed value)
 * @param referencedBy counts of records of other objects that point at this one, by object
 * @param duplicates for dedupe fields whose value repeats an earlier record's: field → that record's key
 */
public record RawRecord(String object, String key, String file, int line, Object[] values, Map<String, Object> custom,
                        Map<String, Integer> referencedBy, Map<String, String> duplicates) {
}
