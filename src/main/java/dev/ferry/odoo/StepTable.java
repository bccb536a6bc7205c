package dev.ferry.odoo;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One step CSV of a plan in Odoo's import format, grouped into records: a record is a row with an external id
 * plus the continuation rows (empty {@code id} cell) holding its one2many lines, which must never be split
 * from it.
 *
 * @param header  the column names, {@code id} first
 * @param records the records in file order
 */
public record StepTable(List<String> header, List<Record> records) {

    /**
     * One record and its lines.
     *
     * @param xid  external id
     * @param rows the record's row first, then its continuation rows; cells as strings, "" for empty
     * @param line 1-based line of the record's row in the CSV (header is line 1)
     */
    public record Record(String xid, List<List<String>> rows, int line) {
        public List<String> main() {
            return rows.get(0);
        }
    }

    public static StepTable read(Path csv) {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180)) {
            List<String> header = null;
            List<Record> records = new ArrayList<>();
            List<List<String>> current = null;
            String xid = null;
            int line = 0;
            int start = 0;
            for (CSVRecord rec : p) {
                line++;
                List<String> cells = new ArrayList<>(rec.size());
                rec.forEach(cells::add);
                if (header == null) {
                    header = List.copyOf(cells);
                    continue;
                }
                while (cells.size() < header.size()) {
                    cells.add("");
                }
                if (!cells.get(0).isEmpty()) {
                    if (current != null) {
                        records.add(new Record(xid, List.copyOf(current), start));
                    }
                    current = new ArrayList<>();
                    xid = cells.get(0);
                    start = line;
                }
                if (current == null) {
                    throw new IllegalArgumentException(csv + ":" + line + ": a continuation row before any record");
                }
                current.add(List.copyOf(cells));
            }
            if (current != null) {
                records.add(new Record(xid, List.copyOf(current), start));
            }
            return new StepTable(header == null ? List.of("id") : header, List.copyOf(records));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    /** A table with the same header holding only {@code subset}. */
    public StepTable with(List<Record> subset) {
        return new StepTable(header, subset);
    }

    public int column(String name) {
        return header.indexOf(name);
    }

    /** The fields the step writes on its model: column heads without {@code /id}, {@code /.id} or sub-paths. */
    public Set<String> writtenFields() {
        Set<String> out = new LinkedHashSet<>();
        for (String h : header) {
            if (!h.equals("id")) {
                out.add(h.contains("/") ? h.substring(0, h.indexOf('/')) : h);
            }
        }
        return out;
    }

    /** External ids a record refers to: cells of {@code x/id} columns (comma-separated), continuation rows included. */
    public Set<String> references(Record r) {
        Set<String> out = new LinkedHashSet<>();
        for (int c = 1; c < header.size(); c++) {
            if (!header.get(c).endsWith("/id")) {
                continue;
            }
            for (List<String> row : r.rows()) {
                for (String x : row.get(c).split(",")) {
                    if (!x.isBlank()) {
                        out.add(x.strip());
                    }
                }
            }
        }
        return out;
    }
}
