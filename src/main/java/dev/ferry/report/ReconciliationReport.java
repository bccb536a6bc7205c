package dev.ferry.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reconciliation report of a run, as sections of plain tables, written three ways: {@code report.md} for
 * the consultant, {@code report.csv} (section, then the table's cells) for spreadsheets, and a self-contained
 * {@code report.html} (no scripts, one table per section) a customer's finance lead can read.
 */
public final class ReconciliationReport {

    /** One titled table. */
    public record Section(String title, String note, List<String> columns, List<List<String>> rows) {
    }

    private final String title;
    private final List<String> intro;
    private final List<Section> sections = new ArrayList<>();

    public ReconciliationReport(String title, List<String> intro) {
        this.title = title;
        this.intro = intro;
    }

    public ReconciliationReport add(Section s) {
        sections.add(s);
        return this;
    }

    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /** Owner resolution from a plan: MAP-005 findings and documents/owner-reconciliation.csv, when present. */
    public static List<Section> ownerSections(Path planDir) {
        List<Section> out = new ArrayList<>();
        Map<String, Integer> unresolved = new TreeMap<>();
        Map<String, Integer> decisions = new TreeMap<>();
        Path findings = planDir.resolve("findings.csv");
        if (Files.isRegularFile(findings)) {
            for (CSVRecord r : csv(findings)) {
                if (r.get("code").equals("MAP-005")) {
                    unresolved.merge(r.get("value"), 1, Integer::sum);
                }
                if (r.get("code").equals("MAP-003") || r.get("code").equals("MAP-007")) {
                    decisions.merge(r.get("code") + " | " + r.get("field") + " | " + r.get("expected"), 1, Integer::sum);
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        unresolved.forEach((owner, n) -> rows.add(List.of(owner, Integer.toString(n), "left to Odoo's default owner")));
        Path recon = planDir.resolve("documents/owner-reconciliation.csv");
        if (Files.isRegularFile(recon)) {
            for (CSVRecord r : csv(recon)) {
                rows.add(List.of(r.isMapped("name") ? r.get("name") : r.get(0), "", r.isMapped("status") ? r.get("status") : ""));
            }
        }
        out.add(new Section("Owner resolution", unresolved.values().stream().mapToInt(i -> i).sum()
                + " record(s) had an owner no Odoo user matched (MAP-005)", List.of("owner", "records", "resolution"), rows));
        List<List<String>> d = new ArrayList<>();
        decisions.forEach((k, n) -> {
            String[] p = k.split(" \\| ", 3);
            d.add(List.of(p[0], p[1], p[2], Integer.toString(n)));
        });
        out.add(new Section("Decisions recorded in the plan", "fields carried with loss and reconciliation decisions",
                List.of("code", "field", "decision", "findings"), d));
        return out;
    }

    private static List<CSVRecord> csv(Path f) {
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            return p.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.csv"), csv(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.html"), html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + dir, e);
        }
    }

    public String markdown() {
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
        intro.forEach(l -> b.append(l).append("\n\n"));
        for (Section s : sections) {
            b.append("## ").append(s.title()).append("\n\n");
            if (s.note() != null) {
                b.append(s.note()).append("\n\n");
            }
            if (s.rows().isEmpty()) {
                b.append("(none)\n\n");
                continue;
            }
            b.append("| ").append(String.join(" | ", s.columns())).append(" |\n|");
            s.columns().forEach(c -> b.append("---|"));
            b.append('\n');
            for (List<String> r : s.rows()) {
                b.append("| ").append(String.join(" | ", r.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    public String csv() {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").build())) {
            for (Section s : sections) {
                List<String> h = new ArrayList<>();
                h.add("section");
                h.addAll(s.columns());
                p.printRecord(h);
                for (List<String> r : s.rows()) {
                    List<String> cells = new ArrayList<>();
                    cells.add(s.title());
                    cells.addAll(r);
                    p.printRecord(cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public String html() {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:0 0 2em}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left}"
                        + "th{background:#eee}td.n{text-align:right}</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        intro.forEach(l -> b.append("<p>").append(esc(l)).append("</p>\n"));
        for (Section s : sections) {
            b.append("<h2>").append(esc(s.title())).append("</h2>\n");
            if (s.note() != null) {
                b.append("<p>").append(esc(s.note())).append("</p>\n");
            }
            if (s.rows().isEmpty()) {
                b.append("<p>(none)</p>\n");
                continue;
            }
            b.append("<table><tr>");
            s.columns().forEach(c -> b.append("<th>").append(esc(c)).append("</th>"));
            b.append("</tr>\n");
            for (List<String> r : s.rows()) {
                b.append("<tr>");
                r.forEach(c -> b.append(c.matches("-?[0-9.,%]+") ? "<td class=\"n\">" : "<td>").append(esc(c)).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
