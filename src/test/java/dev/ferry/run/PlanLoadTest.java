package dev.ferry.run;

import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.StepStatus;
import dev.ferry.odoo.sandbox.CallMatcher;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SandboxFault;
import dev.ferry.odoo.sandbox.SandboxSnapshot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer against the sandbox: full load, verify, reload, rollback, fault and resume. */
class PlanLoadTest {
    @TempDir
    Path runs;

    private PlanLoad.Outcome load(Path plan, OdooSandbox odoo, OdooClient client, LoadOptions options) {
        return PlanLoad.load(plan, Plans.catalog(odoo.version()), Plans.target(odoo, client), options, 0, runs, null,
                List.of(), Clock.systemUTC());
    }

    private static String describe(Verifier.Result v) {
        return v.records().stream().filter(r -> r.status() != Verifier.Status.COMPLETE)
                .map(r -> r.xid() + " " + r.status() + " " + r.diffs() + " " + r.note()).limit(20)
                .collect(Collectors.joining("\n"));
    }

    private static String failedRows(PlanLoad.Outcome o) {
        try (var files = Files.list(o.runDir().resolve("failed"))) {
            StringBuilder b = new StringBuilder();
            for (Path f : files.toList()) {
                b.append(Files.readString(f));
            }
            return b.toString();
        } catch (java.io.IOException e) {
            return o.report().toString();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "19.0"})
    void loadsVerifiesAndRollsBackTheAspecPlan(String version) {
        Path plan = Plans.aspec(version);
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            SandboxSnapshot before = odoo.snapshot();
            PlanLoad.Outcome o = load(plan, odoo, client, LoadOptions.defaults());
            assertThat(o.preflight().findings()).isEmpty();
            assertThat(o.report().status()).isEqualTo(StepStatus.DONE);
            assertThat(client.protocol().name()).isEqualTo(version.equals("19.0") ? "JSON_2" : "XML_RPC");

            RunJournal journal = RunJournal.read(o.runDir());
            Verifier.Result v = Verifier.verify(client, plan, journal.xids(), journal.failed());
            assertThat(v.records()).hasSize(372);
            assertThat(v.differences()).as(describe(v)).isZero();

            Rollback.Plan rb = Rollback.plan(client, journal);
            assertThat(rb.irreversible()).isEmpty();
            Rollback.apply(client, journal, rb);
            assertThat(odoo.snapshot().differences(before)).isEmpty();
            assertThat(odoo.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void loadingTwiceWritesNothingNewTheSecondTime() throws Exception {
        Path plan = Plans.aspec("17.0");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            load(plan, odoo, client, LoadOptions.defaults());
            SandboxSnapshot afterFirst = odoo.snapshot();
            PlanLoad.Outcome second = load(plan, odoo, client, new LoadOptions(0, LoadOptions.OnError.CONTINUE, null, null));
            // N-4096 has no owner: its empty user_id cell is left out of the call, so the update keeps the value the
            // create defaulted instead of clearing a required field.
            assertThat(second.report().failedRows()).as(failedRows(second)).isZero();
            assertThat(second.report().steps()).allSatisfy(s -> assertThat(s.created()).isZero());
            // Contacts are written again: Odoo gives them their company's address, which their plan rows leave empty.
            assertThat(second.report().steps().stream().mapToInt(s -> s.unchanged() + s.updated()).sum()).isEqualTo(372);
            assertThat(second.report().steps().stream().mapToInt(s -> s.unchanged()).sum())
                    .as("records a reload leaves as they are").isGreaterThanOrEqualTo(300);
            assertThat(odoo.snapshot().differences(afterFirst)).isEmpty();
            String journal = Files.readString(second.runDir().resolve("journal.jsonl"), StandardCharsets.UTF_8);
            assertThat(journal).contains("\"created\":[]").doesNotContain("\"created\":[\"");
        }
    }

    @Test
    void faultInABatchThenResumeLeavesNoDuplicateAndNothingMissing() {
        Path plan = Plans.aspec("17.0");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            odoo.faults().failCall(CallMatcher.nth("res.partner", "load", 2),
                    SandboxFault.serverError("psycopg2.errors.SerializationFailure", "could not serialize access"));
            int partnersBefore = odoo.snapshot().records("res.partner").size();
            PlanLoad.Outcome first = PlanLoad.load(plan, Plans.catalog("17.0"), Plans.target(odoo, client),
                    new LoadOptions(50, LoadOptions.OnError.STOP, null, null), 0, runs, null, List.of(), Clock.systemUTC());
            assertThat(first.report().status()).isEqualTo(StepStatus.FAILED);
            PlanLoad.Outcome again = PlanLoad.resume(first.runDir(), Plans.catalog("17.0"), Plans.target(odoo, client),
                    List.of(), Clock.systemUTC());
            assertThat(again.report().status()).isEqualTo(StepStatus.DONE);
            assertThat(again.report().steps().get(7).skipped()).isEqualTo(50);
            assertThat(odoo.snapshot().records("res.partner")).hasSize(partnersBefore + 125);
            RunJournal journal = RunJournal.read(first.runDir());
            Verifier.Result v = Verifier.verify(client, plan, null, journal.failed());
            assertThat(v.differences()).as(describe(v)).isZero();
            assertThat(v.records()).hasSize(372);
        }
    }

    @Test
    void lostReplyIsUnknownThenReadBackAndSentAgainOnResume() {
        Path plan = Plans.aspec("17.0");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            SandboxSnapshot before = odoo.snapshot();
            odoo.faults().dropReply(CallMatcher.nth("crm.lead", "load", 1));
            PlanLoad.Outcome first = load(plan, odoo, client, LoadOptions.defaults());
            assertThat(first.report().status()).isEqualTo(StepStatus.UNKNOWN);
            assertThat(PlanLoad.exitCode(first)).isEqualTo(5);
            PlanLoad.Outcome again = PlanLoad.resume(first.runDir(), Plans.catalog("17.0"), Plans.target(odoo, client),
                    List.of(), Clock.systemUTC());
            assertThat(again.report().status()).isEqualTo(StepStatus.DONE);
            assertThat(odoo.snapshot().records("crm.lead")).as("no duplicate leads").hasSize(95);
            assertThat(again.report().steps().stream().filter(s -> s.stepId().equals("09-load-crm.lead")).findFirst()
                    .orElseThrow().created()).as("what the lost call created counts as created").isEqualTo(95);
            RunJournal journal = RunJournal.read(first.runDir());
            assertThat(journal.status()).isEqualTo(StepStatus.DONE);
            Verifier.Result v = Verifier.verify(client, plan, null, journal.failed());
            assertThat(v.differences()).as(describe(v)).isZero();
            // The leads the lost call created are the run's own: rollback removes them.
            Rollback.apply(client, journal, Rollback.plan(client, journal));
            assertThat(odoo.snapshot().differences(before)).isEmpty();
        }
    }

    @Test
    void lostReplyOfAnUpdateIsSentAgainSoNoChangeIsLost() throws Exception {
        Path plan = Plans.aspec("17.0");
        Path changed = runs.resolve("changed-plan");
        copyWithNewPhones(plan, changed);
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            load(plan, odoo, client, LoadOptions.defaults());
            // The update is applied, then its answer is lost: Odoo has the new phones, Ferry does not know it.
            odoo.faults().dropReply(CallMatcher.nth("res.partner", "load", 1));
            PlanLoad.Outcome first = load(changed, odoo, client, LoadOptions.defaults());
            assertThat(first.report().status()).isEqualTo(StepStatus.UNKNOWN);
            PlanLoad.Outcome again = PlanLoad.resume(first.runDir(), Plans.catalog("17.0"), Plans.target(odoo, client),
                    List.of(), Clock.systemUTC());
            assertThat(again.report().status()).isEqualTo(StepStatus.DONE);
            Verifier.Result v = Verifier.verify(client, changed, null, Map.of());
            assertThat(v.differences()).as(describe(v)).isZero();
            assertThat(again.report().steps().stream().mapToInt(s -> s.created()).sum()).isZero();
        }
    }

    /** A copy of a plan whose partners all have another phone number, as a later export would bring. */
    private static void copyWithNewPhones(Path plan, Path to) throws java.io.IOException {
        Plans.copy(plan, to);
        Path partners = to.resolve("08-load-res.partner.csv");
        List<String> lines = Files.readAllLines(partners, StandardCharsets.UTF_8);
        int phone = List.of(lines.get(0).split(",")).indexOf("phone");
        StringBuilder b = new StringBuilder(lines.get(0)).append('\n');
        try (var parser = org.apache.commons.csv.CSVParser.parse(Files.readString(partners), org.apache.commons.csv.CSVFormat.RFC4180);
             var printer = new org.apache.commons.csv.CSVPrinter(b, org.apache.commons.csv.CSVFormat.RFC4180.builder().setRecordSeparator("\n").build())) {
            boolean header = true;
            for (var rec : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                List<String> cells = new java.util.ArrayList<>(rec.toList());
                cells.set(phone, "+1 555 01" + String.format("%02d", rec.getRecordNumber() % 100));
                printer.printRecord(cells);
            }
        }
        Files.writeString(partners, b.toString(), StandardCharsets.UTF_8);
    }
}
