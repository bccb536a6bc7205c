package dev.ferry.run;

import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.StepStatus;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SandboxSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Ascora basic fixture end to end on the sandbox: compile, load (call steps included), verify, load again,
 * rollback; and what the call steps do when an order's line or the call itself is refused.
 */
class AscoraLoadTest {
    private static final String CONFIRM = "21-call-sale.order.action_confirm";

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

    private static List<Object> states(OdooSandbox odoo, String... xids) {
        List<Object> out = new ArrayList<>();
        for (String x : xids) {
            out.add(odoo.env().read("sale.order", List.of(odoo.env().ref(x)), "state").get(0).get("state"));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "19.0"})
    void loadsVerifiesAndRollsBackTheAscoraPlan(String version) {
        Path plan = Plans.ascora(version);
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            SandboxSnapshot before = odoo.snapshot();
            PlanLoad.Outcome o = load(plan, odoo, client, LoadOptions.defaults());
            assertThat(o.blocked()).as(String.valueOf(o.preflight().findings())).isFalse();
            assertThat(o.report().status()).as(String.valueOf(o.report())).isEqualTo(StepStatus.DONE);
            assertThat(client.protocol().name()).isEqualTo(version.equals("19.0") ? "JSON_2" : "XML_RPC");
            // Q1302 Sent To Customer, Q1303 Won, Q1304 Lost: the call steps moved them on from draft.
            assertThat(states(odoo, "ferry_ascora.quote_Q1301", "ferry_ascora.quote_Q1302", "ferry_ascora.quote_Q1303",
                    "ferry_ascora.quote_Q1304")).containsExactly("draft", "sent", "sale", "cancel");

            RunJournal journal = RunJournal.read(o.runDir());
            Verifier.Result v = Verifier.verify(client, plan, journal.xids(), journal.failed());
            // 19.0 ships the Referral lead source, so its plan makes one utm.source fewer
            assertThat(v.records()).hasSize(version.equals("19.0") ? 808 : 809);
            assertThat(v.differences()).as(describe(v)).isZero();

            Rollback.Plan rb = Rollback.plan(client, journal);
            assertThat(rb.irreversible()).isEmpty();
            assertThat(rb.actions().get(0)).isInstanceOf(Rollback.Undo.class);
            Rollback.apply(client, journal, rb);
            assertThat(odoo.snapshot().differences(before)).isEmpty();
            assertThat(odoo.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void aSecondLoadCallsNothingAgainAndVerifiesClean() {
        Path plan = Plans.ascora("17.0");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            load(plan, odoo, client, LoadOptions.defaults());
            PlanLoad.Outcome second = load(plan, odoo, client, LoadOptions.defaults());
            assertThat(second.report().status()).as(String.valueOf(second.report())).isEqualTo(StepStatus.DONE);
            RunJournal journal = RunJournal.read(second.runDir());
            assertThat(journal.batches()).filteredOn(RunJournal.BatchRecord::call)
                    .hasSize(3).allSatisfy(b -> assertThat(b.updated()).as(b.step()).isEmpty());
            assertThat(journal.batches()).filteredOn(b -> !b.call())
                    .allSatisfy(b -> assertThat(b.ids().keySet()).isSubsetOf(b.existing().keySet()));
            Verifier.Result v = Verifier.verify(client, plan, journal.xids(), journal.failed());
            assertThat(v.differences()).as(describe(v)).isZero();
            // Rolling back the second run restores what it overwrote and leaves the first run's orders as they were.
            Rollback.Plan rb = Rollback.plan(client, journal);
            assertThat(rb.irreversible()).isEmpty();
            assertThat(rb.actions()).noneMatch(a -> a instanceof Rollback.Undo || a instanceof Rollback.Unlink);
        }
    }

    @Test
    void aConfirmWhoseAnswerWasLostIsNotRepeatedAndStaysUndoable() {
        Path plan = Plans.ascora("17.0");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            SandboxSnapshot before = odoo.snapshot();
            odoo.faults().dropReply(dev.ferry.odoo.sandbox.CallMatcher.nth("sale.order", "action_confirm", 1));
            PlanLoad.Outcome first = load(plan, odoo, client, LoadOptions.defaults());
            assertThat(first.report().status()).isEqualTo(StepStatus.UNKNOWN);
            long confirms = odoo.calls().stream().filter(c -> c.toString().contains("action_confirm")).count();
            PlanLoad.Outcome again = PlanLoad.resume(first.runDir(), Plans.catalog("17.0"), Plans.target(odoo, client),
                    List.of(), Clock.systemUTC());
            assertThat(again.report().status()).as(String.valueOf(again.report())).isEqualTo(StepStatus.DONE);
            assertThat(odoo.calls().stream().filter(c -> c.toString().contains("action_confirm")).count())
                    .as("the confirmed orders no longer match the precondition, so nothing is confirmed twice").isEqualTo(confirms);
            assertThat(states(odoo, "ferry_ascora.quote_Q1303")).containsExactly("sale");
            RunJournal journal = RunJournal.read(first.runDir());
            Verifier.Result v = Verifier.verify(client, plan, journal.xids(), journal.failed());
            assertThat(v.differences()).as(describe(v)).isZero();
            // The orders the lost call confirmed count as the run's: rollback cancels them, then unlinks them.
            Rollback.Plan rb = Rollback.plan(client, journal);
            assertThat(rb.irreversible()).isEmpty();
            Rollback.apply(client, journal, rb);
            assertThat(odoo.snapshot().differences(before)).isEmpty();
        }
    }

    @Test
    void anOrderWhoseLineWasRefusedIsNotConfirmedAndTheOthersAre() throws IOException {
        Path plan = copy(Plans.ascora("17.0"));
        Path lines = plan.resolve("19-load-sale.order.line.csv");
        String csv = Files.readString(lines, StandardCharsets.UTF_8);
        // Q1303 is Won: its first supply line now names a product Odoo does not have.
        String row = csv.lines().filter(l -> l.startsWith("ferry_ascora.quote_supply_Q1303_1,")).findFirst().orElseThrow();
        String bad = row.replaceFirst(",BFP-RPZ-20,|,PIPE-CU-15,", ",NO-SUCH-PRODUCT,");
        assertThat(bad).isNotEqualTo(row);
        Files.writeString(lines, csv.replace(row, bad), StandardCharsets.UTF_8);
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            PlanLoad.Outcome o = load(plan, odoo, client, new LoadOptions(0, LoadOptions.OnError.CONTINUE, null, null));
            assertThat(o.report().status()).isEqualTo(StepStatus.FAILED);
            RunJournal journal = RunJournal.read(o.runDir());
            RunJournal.BatchRecord confirm = journal.batches().stream().filter(b -> b.step().equals(CONFIRM)).findFirst().orElseThrow();
            assertThat(confirm.failed()).containsOnlyKeys("ferry_ascora.quote_Q1303");
            assertThat(confirm.failed().get("ferry_ascora.quote_Q1303"))
                    .contains("not called", "ferry_ascora.quote_supply_Q1303_1", "19-load-sale.order.line");
            assertThat(confirm.updated()).hasSize(13);
            assertThat(states(odoo, "ferry_ascora.quote_Q1303", "ferry_ascora.quote_Q1307")).containsExactly("draft", "sale");
            Verifier.Result v = Verifier.verify(client, plan, journal.xids(), journal.failed());
            assertThat(v.records()).filteredOn(r -> r.status() != Verifier.Status.COMPLETE)
                    .extracting(Verifier.RecordCheck::xid)
                    .containsExactlyInAnyOrder("ferry_ascora.quote_supply_Q1303_1", "ferry_ascora.quote_Q1303");
        }
    }

    @Test
    void anOrderOdooRefusesToConfirmFailsAloneAndTheCallIsSplit() {
        Path plan = Plans.ascora("17.0");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            odoo.registerMethod("sale.order", "action_confirm", true, (env, ids, args) -> {
                if (ids.contains(env.ref("ferry_ascora.quote_Q1307"))) {
                    throw env.userError("The following orders are not in a state requiring confirmation: Q1307");
                }
                env.write("sale.order", ids, Map.of("state", "sale", "date_order", "2024-11-15 00:00:00"));
                return true;
            });
            PlanLoad.Outcome o = load(plan, odoo, client, new LoadOptions(0, LoadOptions.OnError.CONTINUE, null, null));
            RunJournal journal = RunJournal.read(o.runDir());
            RunJournal.BatchRecord confirm = journal.batches().stream().filter(b -> b.step().equals(CONFIRM)).findFirst().orElseThrow();
            assertThat(confirm.failed()).containsOnlyKeys("ferry_ascora.quote_Q1307");
            assertThat(confirm.updated()).hasSize(13).doesNotContain("ferry_ascora.quote_Q1307");
            assertThat(states(odoo, "ferry_ascora.quote_Q1303", "ferry_ascora.quote_Q1307")).containsExactly("sale", "draft");
            assertThat(Verifier.verify(client, plan, journal.xids(), journal.failed()).records())
                    .filteredOn(r -> r.status() != Verifier.Status.COMPLETE).singleElement()
                    .satisfies(r -> assertThat(r.note()).contains("action_confirm was refused"));
        }
    }

    private Path copy(Path plan) throws IOException {
        Path to = runs.resolve("plan-copy");
        try (Stream<Path> s = Files.walk(plan)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(plan.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
