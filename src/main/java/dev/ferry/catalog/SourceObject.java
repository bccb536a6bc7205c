package dev.ferry.catalog;

import java.util.List;
import java.util.Locale;

/**
 * One object (file or sheet) of a source platform's export.
 *
 * @param name           identifier, e.g. {@code contact}
 * @param label          short label
 * @param description    one full sentence
 * @param file           file name or glob inside the export folder
 * @param format         {@code csv}, {@code json} or {@code xlsx}
 * @param sheet          the XLSX sheet name, or null
 * @param jsonPath       for JSON: the property holding the record array, or null for a top-level array
 * @param keyFields      the fields whose values, joined by '-', form the record key
 * @param modifiedAt     name of the modified-at field used by delta pickup, or null
 * @param fields         fields in export column order
 * @param delimiter      CSV delimiter
 * @param dateFormat     default date pattern
 * @param datetimeFormat default datetime pattern
 * @param locale         number and date locale
 * @param currency       default ISO currency of money fields
 * @param migrates       false for objects only inventoried (reports, workflows)
 * @param lookup         a small reference table rules may consult from any record (currencies, stages)
 */
public record SourceObject(String name, String label, String description, String file, String format, String sheet,
                           String jsonPath, List<String> keyFields, String modifiedAt, List<SourceField> fields, char delimiter,
                           String dateFormat, String datetimeFormat, Locale locale, String currency, boolean migrates,
                           boolean lookup) {

    /** The first key field, named in messages about missing keys. */
    public String key() {
        return keyFields.isEmpty() ? null : keyFields.get(0);
    }

    public SourceField field(String fieldName) {
        for (SourceField f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }
}
