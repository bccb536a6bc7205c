package dev.ferry.cli;

import dev.ferry.odoo.OdooClient;
import dev.ferry.report.ReconciliationReport;
import dev.ferry.run.RunJournal;
import dev.ferry.run.Verifier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ferry verify}: read a run's records back, diff them against the plan, write verify.csv and the report. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Read back every record of a run and compare it with the plan; write verify.csv and report.md/.csv/.html.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String run;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "runs", description = "Folder for run folders (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Override
    public Integer call() {
        RunJournal journal = RunJournal.read(runsDir.resolve(run));
        if (connection.url == null) {
            throw new CliException(Main.BAD_INPUT, "run " + run + (journal.info().sandbox() ? " went to the embedded sandbox, which ended with its process; use `ferry run --case ...` to load and verify in one go"
                    : " needs --url, --db and a secret option"));
        }
        try (OdooClient client = connection.connect()) {
            Path planDir = Path.of(journal.info().planDir());
            Verifier.Result v = Verifier.verify(client, planDir, journal.xids(), journal.failed());
            writeAndPrint(spec.commandLine().getOut(), planDir, journal, v);
            return v.differences() == 0 ? Main.OK : Main.LOAD_FAILED;
        }
    }

    static void writeAndPrint(PrintWriter out, Path planDir, RunJournal journal, Verifier.Result v) {
        Path runDir = journal.runDir();
        try (Writer w = Files.newBufferedWriter(runDir.resolve("verify.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").build())) {
            p.printRecord("step", "model", "id", "odoo_id", "status", "field", "odoo", "plan", "note");
            for (Verifier.RecordCheck c : v.records()) {
                if (c.diffs().isEmpty()) {
                    p.printRecord(c.step(), c.model(), c.xid(), c.id() == null ? "" : c.id(), c.status().name().toLowerCase(),
                            "", "", "", c.note() == null ? "" : c.note());
                }
                for (Verifier.Diff d : c.diffs()) {
                    p.printRecord(c.step(), c.model(), c.xid(), c.id(), c.status().name().toLowerCase(), d.field(), d.odoo(), d.plan(), "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int shown = 0;
        for (Verifier.RecordCheck c : v.records()) {
            if (c.status() == Verifier.Status.COMPLETE || shown++ >= 25) {
                continue;
            }
            out.println(runDir.resolve("verify.csv") + ": " + c.status().name().toLowerCase() + " " + c.model() + " " + c.xid()
                    + (c.note() == null ? "" : ": " + c.note()));
            for (Verifier.Diff d : c.diffs()) {
                out.println("    " + d.field());
                out.println("    -> odoo : '" + d.odoo() + "'");
                out.println("    -> plan : '" + d.plan() + "'");
            }
        }
        report(planDir, journal, v).write(runDir);
        out.printf("verify: %d complete, %d missing, %d drifted of %d records; report in %s%n", v.count(Verifier.Status.COMPLETE),
                v.count(Verifier.Status.MISSING), v.count(Verifier.Status.DRIFTED), v.records().size(), runDir.resolve("report.html"));
        out.flush();
    }

    static ReconciliationReport report(Path planDir, RunJournal journal, Verifier.Result v) {
        ReconciliationReport r = new ReconciliationReport("Reconciliation of run " + journal.info().runId(), List.of(
                "Target: " + journal.info().host() + ", database " + journal.info().database() + ", Odoo " + journal.info().version()
                        + (journal.info().sandbox() ? " (Ferry's embedded sandbox)" : "") + ".",
                "Plan: " + planDir + " (digest " + journal.info().planDigest() + ")."));
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (RunJournal.BatchRecord b : journal.batches()) {
            int[] c = counts.computeIfAbsent(b.step() + "|" + b.model(), k -> new int[6]);
            c[0] += b.xids().size();
            for (String x : b.ids().keySet()) {
                c[b.existing().containsKey(x) ? 2 : 1]++;
            }
            c[3] += b.failed().size();
        }
        for (Verifier.RecordCheck c : v.records()) {
            int[] k = counts.computeIfAbsent(c.step() + "|" + c.model(), x -> new int[6]);
            if (c.status() == Verifier.Status.MISSING) {
                k[4]++;
            } else if (c.status() == Verifier.Status.DRIFTED) {
                k[5]++;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((k, c) -> {
            String[] p = k.split("\\|");
            rows.add(List.of(p[0], p[1], "" + c[0], "" + c[1], "" + c[2], "" + c[3], "" + c[4], "" + c[5]));
        });
        r.add(new ReconciliationReport.Section("Records per step", null,
                List.of("step", "model", "planned", "created", "updated", "failed", "missing", "drifted"), rows));
        List<List<String>> fk = new ArrayList<>();
        List<List<String>> fill = new ArrayList<>();
        for (Verifier.StepFigures f : v.figures()) {
            f.nullForeignKeys().forEach((col, n) -> fk.add(List.of(f.model(), col, "" + n, "" + f.records())));
            f.fillRates().forEach((col, n) -> fill.add(List.of(f.model(), col, "" + n, "" + f.records(),
                    f.records() == 0 ? "0%" : Math.round(100.0 * n / f.records()) + "%")));
        }
        r.add(new ReconciliationReport.Section("Empty links (many2one left empty)", null, List.of("model", "field", "empty", "records"), fk));
        r.add(new ReconciliationReport.Section("Custom fields filled", null, List.of("model", "field", "filled", "records", "rate"), fill));
        ReconciliationReport.ownerSections(planDir).forEach(r::add);
        return r;
    }
}
