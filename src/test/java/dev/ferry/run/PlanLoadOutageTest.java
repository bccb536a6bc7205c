package dev.ferry.run;

import dev.ferry.odoo.BatchListener;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooUnreachableException;
import dev.ferry.odoo.StepStatus;
import dev.ferry.odoo.sandbox.CallMatcher;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SandboxSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server goes away with the run (stopped, crashed, a network cut): what the run had established must still
 * reach the journal and the exit code, and the resume must finish the run, side records included.
 */
class PlanLoadOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    @TempDir
    Path runs;

    /** Refuses connections for {@link #OUTAGE} from the moment {@code trigger} says so. */
    private static BatchListener outageWhen(OdooSandbox odoo, java.util.function.Predicate<BatchListener.BatchOutcome> trigger) {
        return new BatchListener() {
            @Override
            public void batchEnded(BatchOutcome o) {
                if (trigger.test(o)) {
                    odoo.faults().refuseConnectionsFor(OUTAGE);
                }
            }
        };
    }

    private static void awaitServer(OdooClient client) throws InterruptedException {
        long deadline = System.nanoTime() + OUTAGE.multipliedBy(3).toNanos();
        while (true) {
            try {
                client.version();
                return;
            } catch (OdooUnreachableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void resumeAndRollBackToTheSnapshot(Path runDir, OdooSandbox odoo, OdooClient client,
                                                       SandboxSnapshot before) throws InterruptedException {
        awaitServer(client);
        PlanLoad.Outcome again = PlanLoad.resume(runDir, Plans.catalog("17.0"), Plans.target(odoo, client), List.of(),
                Clock.systemUTC());
        assertThat(again.report().status()).isEqualTo(StepStatus.DONE);
        RunJournal journal = RunJournal.read(runDir);
        assertThat(journal.status()).isEqualTo(StepStatus.DONE);
        Rollback.apply(client, journal, Rollback.plan(client, journal));
        assertThat(odoo.snapshot().differences(before)).isEmpty();
    }

    @Test
    void aReplyLostAsTheServerDiesStillEndsTheRunUnknownWithExitFive() throws Exception {
        Path plan = Plans.aspec("17.0");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            SandboxSnapshot before = odoo.snapshot();
            odoo.faults().dropReply(CallMatcher.nth("crm.lead", "load", 1));
            PlanLoad.Outcome first = PlanLoad.load(plan, Plans.catalog("17.0"), Plans.target(odoo, client),
                    LoadOptions.defaults(), 0, runs, null, List.of(outageWhen(odoo, o -> o.status() == StepStatus.UNKNOWN)),
                    Clock.systemUTC());

            assertThat(first.report().status()).isEqualTo(StepStatus.UNKNOWN);
            assertThat(PlanLoad.exitCode(first)).as("resume or verify before anything else").isEqualTo(5);
            assertThat(Files.readString(first.runDir().resolve("journal.jsonl"))).contains("\"type\":\"run-end\"");
            resumeAndRollBackToTheSnapshot(first.runDir(), odoo, client, before);
        }
    }

    @Test
    void aServerGoneAfterTheLastBatchLeavesTheRunToTheResumeThatListsItsSideRecords() throws Exception {
        Path plan = Plans.aspec("17.0");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            SandboxSnapshot before = odoo.snapshot();
            BatchListener outage = outageWhen(odoo, o -> o.batch().number() == o.batch().of()
                    && o.batch().stepId().equals(dev.ferry.plan.PlanReader.read(plan).steps().get(
                    dev.ferry.plan.PlanReader.read(plan).steps().size() - 1).id()));
            assertThatThrownBy(() -> PlanLoad.load(plan, Plans.catalog("17.0"), Plans.target(odoo, client),
                    LoadOptions.defaults(), 0, runs, null, List.of(outage), Clock.systemUTC()))
                    .isInstanceOf(OdooUnreachableException.class);

            Path runDir;
            try (var dirs = Files.list(runs)) {
                runDir = dirs.findFirst().orElseThrow();
            }
            assertThat(RunJournal.read(runDir).status()).as("not DONE while its side records are unknown")
                    .isEqualTo(StepStatus.PENDING);
            resumeAndRollBackToTheSnapshot(runDir, odoo, client, before);
        }
    }
}
