package dev.ferry.plan;

import dev.ferry.catalog.YamlNode;
import dev.ferry.finding.Finding;
import dev.ferry.finding.Severity;
import dev.ferry.rules.facts.Output;
import dev.ferry.rules.facts.UserDirectory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Writes the plan folder's fixed files: plan.yaml, findings.csv, report.md and the written documents. */
public final class PlanWriter {
    static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.severity(), Comparator.reverseOrder())
            .thenComparing(f -> Objects.toString(f.origin().file(), ""))
            .thenComparingInt(f -> f.origin().line())
            .thenComparing(f -> f.code().id())
            .thenComparing(f -> Objects.toString(f.origin().recordKey(), ""))
            .thenComparing(f -> Objects.toString(f.origin().field(), ""))
            .thenComparing(f -> Objects.toString(f.value(), ""))
            .thenComparing(f -> Objects.toString(f.expected(), ""));

    private PlanWriter() {
    }

    /** Findings in report order: errors first, then by file, line and code, so output is stable. */
    public static List<Finding> sorted(List<Finding> findings) {
        List<Finding> copy = new ArrayList<>(findings);
        copy.sort(ORDER);
        return copy;
    }

    static Map<String, Integer> documentCounts(List<Output.DocumentRow> rows) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Output.DocumentRow r : rows) {
            counts.merge(r.document() + ".csv", 1, Integer::sum);
        }
        return counts;
    }

    static void write(Plan plan, Path dir, List<Finding> findings, Output out) throws IOException {
        Files.createDirectories(dir);
        writeFindings(dir.resolve("findings.csv"), findings);
        writeDocuments(dir.resolve("documents"), out.documents());
        writeUsers(dir.resolve("users.csv"), out.context().users());
        Files.writeString(dir.resolve("plan.yaml"), planYaml(plan, findings), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), report(plan, findings, out), StandardCharsets.UTF_8);
    }

    /**
     * The Odoo users the plan's owners were resolved against. Database ids differ between databases, so the
     * writer matches these users to the target's by login or e-mail before loading.
     */
    private static void writeUsers(Path file, UserDirectory users) throws IOException {
        if (users.isEmpty()) {
            return;
        }
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSV)) {
            p.printRecord("id", "login", "email", "name");
            for (UserDirectory.User u : users.all()) {
                p.printRecord(u.id(), nz(u.login()), nz(u.email()), nz(u.name()));
            }
        }
    }

    public static void writeFindings(Path file, List<Finding> findings) throws IOException {
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSV)) {
            p.printRecord("severity", "code", "file", "line", "record", "field", "value", "expected", "hint", "rule");
            for (Finding f : sorted(findings)) {
                p.printRecord(f.severity().word(), f.code().id(), nz(f.origin().file()),
                        f.origin().line() > 0 ? f.origin().line() : "", nz(f.origin().recordKey()), nz(f.origin().field()),
                        nz(f.value()), nz(f.expected()), nz(f.hint()), nz(f.rule()));
            }
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void writeDocuments(Path dir, List<Output.DocumentRow> rows) throws IOException {
        Map<String, List<Output.DocumentRow>> byDoc = new LinkedHashMap<>();
        for (Output.DocumentRow r : rows) {
            byDoc.computeIfAbsent(r.document(), k -> new ArrayList<>()).add(r);
        }
        if (byDoc.isEmpty()) {
            return;
        }
        Files.createDirectories(dir);
        for (var e : new TreeMap<>(byDoc).entrySet()) {
            try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(dir.resolve(e.getKey() + ".csv"),
                    StandardCharsets.UTF_8), CSV)) {
                p.printRecord(e.getValue().get(0).header());
                for (Output.DocumentRow r : e.getValue()) {
                    p.printRecord(r.cells());
                }
            }
        }
    }

    static String planYaml(Plan plan, List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        b.append("# Ferry load plan. Steps run in order; each CSV is in Odoo's import format.\n");
        b.append("kind: ferry-plan\nschema: 1\n");
        b.append("platform: ").append(plan.platform()).append('\n');
        b.append("pair: ").append(plan.pair()).append('\n');
        b.append("odoo-version: ").append(YamlNode.quote(plan.odooVersion())).append('\n');
        b.append("digest: sha256:").append(plan.digest()).append('\n');
        b.append("batch-size: ").append(plan.batchSize()).append('\n');
        b.append("context:").append(plan.context().isEmpty() ? " {}\n" : "\n");
        plan.context().forEach((k, v) -> b.append("  ").append(k).append(": ").append(YamlNode.quote(v)).append('\n'));
        b.append("source-counts:\n");
        plan.sourceCounts().forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        b.append("steps:\n");
        for (PlanStep s : plan.steps()) {
            b.append("  - id: ").append(s.id()).append('\n');
            b.append("    kind: ").append(s.kind().word()).append('\n');
            b.append("    model: ").append(s.model()).append('\n');
            if (s instanceof PlanStep.CallStep c) {
                b.append("    method: ").append(c.method()).append('\n');
                PlanStep.CallContract k = c.contract();
                if (!k.when().isEmpty()) {
                    b.append("    when: ").append(flow(k.when())).append('\n');
                }
                if (!k.changes().isEmpty()) {
                    b.append("    changes: [").append(String.join(", ", k.changes())).append("]\n");
                }
                if (!k.context().isEmpty()) {
                    b.append("    context: ").append(flow(k.context())).append('\n');
                }
                if (k.undo() != null) {
                    b.append("    undo: [").append(String.join(", ", k.undo())).append("]\n");
                }
                if (!k.undoContext().isEmpty()) {
                    b.append("    undo-context: ").append(flow(k.undoContext())).append('\n');
                }
            }
            b.append("    file: ").append(s.file()).append('\n');
            b.append("    rows: ").append(s.rows()).append('\n');
            b.append("    depends-on: [").append(String.join(", ", s.dependsOn())).append("]\n");
            b.append("    inverse: ").append(YamlNode.quote(s.irreversible() != null ? "none: " + s.irreversible() : s.inverse()))
                    .append('\n');
        }
        b.append("documents:").append(plan.documents().isEmpty() ? " {}\n" : "\n");
        plan.documents().forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        b.append("findings:\n");
        for (Severity s : Severity.values()) {
            b.append("  ").append(s.word()).append(": ").append(counts.getOrDefault(s, 0)).append('\n');
        }
        return b.toString();
    }

    /** A value as YAML flow (also valid JSON): strings double-quoted, numbers and booleans bare. */
    static String flow(Object v) {
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(o -> parts.add(flow(o)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, o) -> parts.add(k + ": " + flow(o)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof Boolean || v instanceof Number) {
            return v.toString();
        }
        return YamlNode.quote(String.valueOf(v));
    }

    private static String report(Plan plan, List<Finding> findings, Output out) {
        StringBuilder b = new StringBuilder();
        b.append("# Load plan: ").append(plan.platform()).append(" → Odoo ").append(plan.odooVersion()).append("\n\n");
        b.append("Rules: `rules/").append(plan.pair()).append("`. Steps run top to bottom; each load step is a CSV in ")
                .append("Odoo's import format, loaded in batches of ").append(plan.batchSize()).append(" rows.\n\n");
        b.append("## Source records\n\n| object | records |\n|---|---:|\n");
        plan.sourceCounts().forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        b.append("\n## Steps\n\n| step | kind | model | records | depends on |\n|---|---|---|---:|---|\n");
        for (PlanStep s : plan.steps()) {
            b.append("| `").append(s.id()).append("` | ").append(s.kind().word()).append(" | ").append(s.model())
                    .append(s instanceof PlanStep.CallStep c ? "." + c.method() : "").append(" | ").append(s.rows())
                    .append(" | ").append(String.join(", ", s.dependsOn())).append(" |\n");
        }
        b.append("\n## Fields not carried over as they are\n\n| object | field | how | records | reason |\n")
                .append("|---|---|---|---:|---|\n");
        List<Output.Disposition> ds = new ArrayList<>(out.dispositions());
        ds.sort(Comparator.comparing(Output.Disposition::object).thenComparing(Output.Disposition::field));
        for (Output.Disposition d : ds) {
            b.append("| ").append(d.object()).append(" | ").append(d.field()).append(" | ")
                    .append(d.lossy() ? "lossy" : "ignored").append(" | ").append(d.count()).append(" | ")
                    .append(d.reason().replace("|", "\\|")).append(" |\n");
        }
        b.append("\n## Decisions\n\n");
        for (Finding f : sorted(findings)) {
            if (f.code() == dev.ferry.finding.FindingCode.MAP_007) {
                b.append("- **").append(f.origin().field()).append("**: ").append(f.expected()).append('\n');
            }
        }
        Map<String, Integer> byCode = new TreeMap<>();
        for (Finding f : findings) {
            byCode.merge(f.severity().word() + " " + f.code().id() + " — " + f.code().description(), 1, Integer::sum);
        }
        b.append("\n## Findings\n\nDetails in `findings.csv`.\n\n| severity, code | count |\n|---|---:|\n");
        byCode.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return b.toString();
    }
}
