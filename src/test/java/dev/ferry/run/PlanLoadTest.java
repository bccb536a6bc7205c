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
            int writes = odoo.writeCallCount();
            PlanLoad.Outcome second = load(plan, odoo, client, new LoadOptions(0, LoadOptions.OnError.CONTINUE, null, null));
            // Known plan issue: N-4096 has no owner; on create Odoo defaults user_id, on update the empty cell clears a
            // required field, so Odoo refuses that one row the second time. Everything else is an update.
            assertThat(second.report().failedRows()).as(failedRows(second)).isEqualTo(1);
            assertThat(failedRows(second)).contains("ferry_aspec.interaction_N_4096", "Missing required value for the field 'Assigned to' (user_id)",
                    "fixtures/aspec/basic/export/interactions.csv:119");
            assertThat(second.report().steps()).allSatisfy(s -> assertThat(s.created()).isZero());
            assertThat(second.report().steps().stream().mapToInt(s -> s.updated()).sum()).isEqualTo(371);
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
    void lostReplyIsUnknownThenReadBackOnResume() {
        Path plan = Plans.aspec("17.0");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            odoo.faults().dropReply(CallMatcher.nth("crm.lead", "load", 1));
            PlanLoad.Outcome first = load(plan, odoo, client, LoadOptions.defaults());
            assertThat(first.report().status()).isEqualTo(StepStatus.UNKNOWN);
            assertThat(PlanLoad.exitCode(first)).isEqualTo(5);
            int leadLoads = (int) odoo.calls().stream().filter(c -> c.toString().contains("crm.lead") && c.toString().contains("load")).count();
            PlanLoad.Outcome again = PlanLoad.resume(first.runDir(), Plans.catalog("17.0"), Plans.target(odoo, client),
                    List.of(), Clock.systemUTC());
            assertThat(again.report().status()).isEqualTo(StepStatus.DONE);
            assertThat((int) odoo.calls().stream().filter(c -> c.toString().contains("crm.lead") && c.toString().contains("load")).count())
                    .as("the lost batch is read back, not re-sent").isEqualTo(leadLoads);
            assertThat(Files.exists(first.runDir().resolve("journal.jsonl"))).isTrue();
            RunJournal journal = RunJournal.read(first.runDir());
            assertThat(journal.status()).isEqualTo(StepStatus.DONE);
            Verifier.Result v = Verifier.verify(client, plan, null, journal.failed());
            assertThat(v.differences()).as(describe(v)).isZero();
        }
    }
}
