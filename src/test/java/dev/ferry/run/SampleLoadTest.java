package dev.ferry.run;

import dev.ferry.cli.Main;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.RecordRef;
import dev.ferry.odoo.StepStatus;
import dev.ferry.odoo.StepTable;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.plan.PlanReader;
import dev.ferry.plan.PlanStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --sample N}: the first N records of each load step plus everything they reference, transitively, so the
 * sample loads without a dangling reference and verifies complete; nothing outside the sample is written.
 */
class SampleLoadTest {
    private static final int N = 3;

    @TempDir
    Path work;

    @Test
    void aSampleIsReferentiallyClosedLoadsCompleteAndWritesNothingElse() {
        Path plan = Plans.aspec("17.0");
        Map<String, StepTable> tables = new LinkedHashMap<>();
        Map<String, String> stepOf = new HashMap<>();
        for (PlanStep s : PlanReader.read(plan).steps()) {
            StepTable t = StepTable.read(plan.resolve(s.file()));
            tables.put(s.id(), t);
            t.records().forEach(r -> stepOf.put(r.xid(), s.id()));
        }
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            PlanLoad.Outcome o = PlanLoad.load(plan, Plans.catalog("17.0"), Plans.target(odoo, client), LoadOptions.defaults(), N,
                    work.resolve("runs"), null, List.of(), Clock.systemUTC());
            assertThat(o.report().status()).isEqualTo(StepStatus.DONE);
            assertThat(o.report().failedRows()).isZero();
            Set<String> sent = RunJournal.read(o.runDir()).xids();

            // Every load step's first N records are in, and the sample is far from the whole plan.
            for (PlanStep s : PlanReader.read(plan).steps()) {
                if (s instanceof PlanStep.LoadStep) {
                    tables.get(s.id()).records().stream().limit(N).forEach(r -> assertThat(sent).as(s.id()).contains(r.xid()));
                }
            }
            assertThat(sent.size()).isBetween(5 * N, 200);

            // Closed: whatever a sampled record references is in the sample (plan records) or already in Odoo (base.ca).
            Set<String> pulledIn = new HashSet<>();
            Map<String, RecordRef> landed = client.lookupExternalIds(sent);
            assertThat(landed.keySet()).as("every sampled record landed").containsExactlyInAnyOrderElementsOf(sent);
            for (String x : sent) {
                StepTable t = tables.get(stepOf.get(x));
                StepTable.Record r = t.records().stream().filter(rec -> rec.xid().equals(x)).findFirst().orElseThrow();
                for (String ref : t.references(r)) {
                    if (stepOf.containsKey(ref)) {
                        assertThat(sent).as(x + " references " + ref).contains(ref);
                        int position = tables.get(stepOf.get(ref)).records().stream().map(StepTable.Record::xid).toList().indexOf(ref);
                        if (position >= N) {
                            pulledIn.add(ref);
                        }
                    } else {
                        assertThat(client.lookupExternalIds(List.of(ref))).as(x + " references " + ref + " outside the plan").isNotEmpty();
                    }
                }
            }
            assertThat(pulledIn).as("records beyond the first N that the sample pulled in as parents").isNotEmpty();

            // Nothing outside the sample was written.
            Set<String> others = new HashSet<>(stepOf.keySet());
            others.removeAll(sent);
            assertThat(client.lookupExternalIds(others)).isEmpty();

            Verifier.Result v = Verifier.verify(client, plan, sent, Map.of());
            assertThat(v.records()).hasSize(sent.size());
            assertThat(v.differences()).as(RoundTrip.describe(v)).isZero();
        }
    }

    @Test
    void ferryRunWithSampleVerifiesComplete() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("run", "--home", Plans.ROOT.toString(), "--case", "fixtures/aspec/basic/case.yaml",
                "--odoo", "17.0", "--sample", Integer.toString(N), "--run-dir", work.resolve("runs").toString());

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("verify: (\\d+) complete, 0 missing, 0 drifted of \\1 records");
    }
}
