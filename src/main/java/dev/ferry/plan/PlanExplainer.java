package dev.ferry.plan;

import dev.ferry.catalog.SourceCatalog;
import dev.ferry.finding.Findings;
import dev.ferry.source.ExportReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers "what became of this source record?" from a plan's provenance and step files. */
public final class PlanExplainer {
    private final Path home;
    private final Path planDir;
    private final Path exportDir;

    public PlanExplainer(Path home, Path planDir, Path exportDir) {
        this.home = home;
        this.planDir = planDir;
        this.exportDir = exportDir;
    }

    /** Prints the explanation; false when no plan row comes from the record. */
    public boolean explain(String recordKey, PrintWriter out) throws IOException {
        Plan plan = PlanReader.read(planDir);
        if (exportDir != null) {
            printSource(plan.platform(), recordKey, out);
        }
        Map<String, List<CSVRecord>> byModel = new LinkedHashMap<>();
        CSVFormat header = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser p = CSVParser.parse(planDir.resolve("provenance.csv"), StandardCharsets.UTF_8, header)) {
            for (CSVRecord r : p) {
                if (r.get("source").equals(recordKey)) {
                    byModel.computeIfAbsent(r.get("model"), k -> new ArrayList<>()).add(r);
                }
            }
        }
        if (byModel.isEmpty()) {
            return false;
        }
        for (var e : byModel.entrySet()) {
            PlanStep step = plan.steps().stream().filter(s -> s.model().equals(e.getKey()) && !(s instanceof PlanStep.CallStep))
                    .findFirst().orElse(null);
            for (CSVRecord prov : e.getValue()) {
                out.println(e.getKey() + " " + prov.get("id") + "  (step " + (step == null ? "?" : step.id()) + ")");
                out.println("  from   " + prov.get("origin"));
                for (String rule : prov.get("rules").split("; ")) {
                    out.println("  rule   " + rule);
                }
                if (step != null) {
                    printRow(step, prov.get("id"), out);
                }
            }
        }
        out.flush();
        return true;
    }

    private void printRow(PlanStep step, String xid, PrintWriter out) throws IOException {
        CSVFormat header = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser p = CSVParser.parse(planDir.resolve(step.file()), StandardCharsets.UTF_8, header)) {
            boolean inside = false;
            for (CSVRecord r : p) {
                if (!r.get("id").isEmpty()) {
                    inside = r.get("id").equals(xid);
                }
                if (inside) {
                    for (String col : p.getHeaderNames()) {
                        if (!r.get(col).isEmpty()) {
                            out.println("    " + col + " = " + r.get(col).replace("\n", "\\n"));
                        }
                    }
                }
            }
        }
    }

    private void printSource(String platform, String recordKey, PrintWriter out) {
        SourceCatalog catalog = SourceCatalog.load(home.resolve("catalogs/sources/" + platform + ".yaml"), platform);
        ExportReader reader = new ExportReader(catalog, exportDir, exportDir.toString(), new Findings());
        reader.index();
        reader.forEach(raw -> {
            if ((platform + "/" + raw.object() + "#" + raw.key()).equals(recordKey)) {
                out.println(recordKey + "  (" + raw.file() + ":" + raw.line() + ")");
                var fields = catalog.object(raw.object()).fields();
                for (int i = 0; i < fields.size(); i++) {
                    if (raw.values()[i] != null) {
                        out.println("    " + fields.get(i).name() + " = " + raw.values()[i].toString().replace("\n", "\\n"));
                    }
                }
                if (raw.custom() != null) {
                    raw.custom().forEach((k, v) -> out.println("    custom." + k + " = " + v));
                }
            }
        });
    }
}
