package dev.ferry.finding;

/**
 * Where a finding comes from: a file position and, for record-level findings, the record key and field path.
 *
 * @param file   path relative to the project root or the export folder, never absolute; null when not file-bound
 * @param line   1-based line (CSV/YAML/DRL) or row (XLSX); 0 when unknown
 * @param column 1-based column; 0 when unknown
 * @param recordKey source record key such as {@code aspec/contact#C-1001}; null when not record-bound
 * @param field  field path such as {@code email} or {@code lines[2].sku}; null when not field-bound
 */
public record Origin(String file, int line, int column, String recordKey, String field) {

    public static final Origin NONE = new Origin(null, 0, 0, null, null);

    public static Origin file(String file, int line, int column) {
        return new Origin(file, line, column, null, null);
    }

    public Origin withField(String fieldPath) {
        return new Origin(file, line, column, recordKey, fieldPath);
    }

    public Origin withRecordKey(String key) {
        return new Origin(file, line, column, key, field);
    }

    /** {@code file:line[:col]}, or an empty string when the origin has no file. */
    public String position() {
        if (file == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.toString();
    }
}
