package dev.ferry.run;

import dev.ferry.finding.FindingsException;
import dev.ferry.odoo.BatchListener.Batch;
import dev.ferry.odoo.BatchListener.BatchOutcome;
import dev.ferry.odoo.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run journal as a killed writer leaves it, and as the resume that follows goes on writing it. */
class JournalTest {
    private static final RunInfo INFO = new RunInfo("r-20241118-093015-3fa2", "/plans/aspec", "sha256:00", "odoo:8069",
            "crm", "17.0", "XML_RPC", false, 2, "stop", 0);
    private static final Batch FIRST = new Batch("08-load-res.partner", "res.partner", 1, 2, List.of("ferry_aspec.a", "ferry_aspec.b"), false);
    private static final Batch SECOND = new Batch("08-load-res.partner", "res.partner", 2, 2, List.of("ferry_aspec.c"), false);

    @TempDir
    Path run;

    private static BatchOutcome done(Batch b, Map<String, Long> ids) {
        return new BatchOutcome(b, StepStatus.DONE, ids, List.copyOf(ids.keySet()), List.of(), Map.of(), false, null);
    }

    /** A run whose first batch is DONE and whose second batch's RUNNING line the kill cut after {@code cut}. */
    private void killedWhileWriting(String cut) throws Exception {
        try (Journal j = Journal.open(run, Clock.systemUTC())) {
            j.runStarted(INFO);
            j.batchSending(FIRST, Map.of(), Map.of());
            j.batchEnded(done(FIRST, Map.of("ferry_aspec.a", 7L, "ferry_aspec.b", 8L)));
        }
        Files.writeString(run.resolve("journal.jsonl"), cut, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void aLineCutByAKillStaysApartFromWhatTheResumeWritesAfterIt() throws Exception {
        killedWhileWriting("{\"type\":\"batch\",\"at\":\"2024-11-18T09:31:02Z\",\"step\":\"08-load-res.par");
        assertThat(RunJournal.read(run).status(SECOND.stepId(), 2)).as("the cut batch never started").isEqualTo(StepStatus.PENDING);

        try (Journal j = Journal.open(run, Clock.systemUTC())) {
            j.resumed();
            j.batchSending(SECOND, Map.of(), Map.of());
            j.batchEnded(done(SECOND, Map.of("ferry_aspec.c", 9L)));
            j.runEnded(StepStatus.DONE, null);
        }

        RunJournal journal = RunJournal.read(run);
        assertThat(journal.status()).isEqualTo(StepStatus.DONE);
        assertThat(journal.batches()).extracting(RunJournal.BatchRecord::number).containsExactly(1, 2);
        assertThat(journal.batches().get(1).ids()).containsEntry("ferry_aspec.c", 9L);
    }

    @Test
    void aDamagedLineThatNoResumeFollowsIsStillAnError() throws Exception {
        killedWhileWriting("{\"type\":\"batch\",\"at\":\"2024-11-18T09:31:02Z\",\"step\":\"08-load-res.par\n");
        try (Journal j = Journal.open(run, Clock.systemUTC())) {
            j.batchSending(SECOND, Map.of(), Map.of());
        }
        assertThatThrownBy(() -> RunJournal.read(run)).isInstanceOf(FindingsException.class)
                .hasMessageContaining("RUN-001");
    }
}
