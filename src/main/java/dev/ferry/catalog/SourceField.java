package dev.ferry.catalog;

import java.util.List;

/**
 * One field of a source object.
 *
 * @param name        identifier used by rules (letters, digits, underscore)
 * @param column      the header (CSV/XLSX) or property path (JSON) the value is read from
 * @param type        value type
 * @param required    an empty value is an error
 * @param format      date/datetime pattern, or null for the object's default
 * @param values      allowed values of an {@code enum} field (empty: any)
 * @param separator   item separator of a {@code list} field
 * @param ref         object a {@code ref} field points at
 * @param trueValues  spellings of yes for {@code bool}
 * @param falseValues spellings of no for {@code bool}
 * @param description one full sentence
 * @param index       keep every record's value in memory so rules can ask for it by key (cross-record facts)
 * @param dedupe      flag records whose value (case and spacing aside) repeats an earlier record's
 */
public record SourceField(String name, String column, FieldType type, boolean required, String format,
                          List<String> values, String separator, String ref, List<String> trueValues,
                          List<String> falseValues, String description, boolean index,
                          boolean dedupe) {
}
