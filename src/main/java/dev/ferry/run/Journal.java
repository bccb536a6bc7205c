package dev.ferry.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.odoo.BatchListener;
import dev.ferry.odoo.StepStatus;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run journal {@code runs/<run-id>/journal.jsonl}: append-only JSON Lines, each line flushed and fsync'd
 * before the executor goes on, so a killed process leaves at worst a batch marked RUNNING. It is the audit log,
 * the resume point and the rollback script. Line types: {@code run-start}, {@code resume}, {@code batch} (status
 * RUNNING before the call with the existing ids and the values an update will replace; then DONE, FAILED or
 * UNKNOWN with the Odoo ids), {@code run-end}.
 */
public final class Journal implements BatchListener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

    private final Path file;
    private final FileOutputStream out;
    private final Clock clock;

    private Journal(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        try {
            Files.createDirectories(file.getParent());
            boolean cut = endsMidLine(file);
            this.out = new FileOutputStream(file.toFile(), true);
            if (cut) {
                // A kill (or crash) in the middle of a write left the last line without its end; ending it keeps
                // that fragment apart from this process's first line, so the journal stays readable.
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run journal " + file, e);
        }
    }

    private static boolean endsMidLine(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
            f.seek(f.length() - 1);
            return f.read() != '\n';
        }
    }

    /** Opens (creating if needed) {@code runDir/journal.jsonl} for appending. */
    public static Journal open(Path runDir, Clock clock) {
        return new Journal(runDir.resolve("journal.jsonl"), clock);
    }

    public Path file() {
        return file;
    }

    public void runStarted(RunInfo info) {
        Map<String, Object> m = line("run-start");
        m.put("run", info.runId());
        m.put("plan", info.planDir());
        m.put("plan-digest", info.planDigest());
        m.put("target", info.host());
        m.put("db", info.database());
        m.put("version", info.version());
        m.put("protocol", info.protocol());
        m.put("sandbox", info.sandbox());
        m.put("batch-size", info.batchSize());
        m.put("on-error", info.onError());
        m.put("sample", info.sample());
        write(m);
    }

    public void resumed() {
        write(line("resume"));
    }

    public void runEnded(StepStatus status, String message) {
        Map<String, Object> m = line("run-end");
        m.put("status", status.name());
        if (message != null) {
            m.put("message", message);
        }
        write(m);
    }

    @Override
    public void sideBaseline(Map<String, Long> maxIds) {
        Map<String, Object> m = line("side-baseline");
        m.put("max-ids", maxIds);
        write(m);
    }

    @Override
    public void sideRecords(Map<String, List<Long>> ids) {
        Map<String, Object> m = line("side-records");
        m.put("ids", ids);
        write(m);
    }

    @Override
    public void batchSending(Batch batch, Map<String, Long> existing, Map<String, Map<String, Object>> oldValues) {
        Map<String, Object> m = batchLine(batch, StepStatus.RUNNING);
        m.put("xids", batch.xids());
        m.put("existing", existing);
        m.put("old", oldValues);
        write(m);
    }

    @Override
    public void batchEnded(BatchOutcome o) {
        Map<String, Object> m = batchLine(o.batch(), o.status());
        if (o.readBack()) {
            m.put("xids", o.batch().xids());
            m.put("read-back", true);
        }
        m.put("ids", o.ids());
        m.put("created", o.created());
        m.put("updated", o.updated());
        if (!o.failed().isEmpty()) {
            m.put("failed", o.failed());
        }
        if (o.message() != null) {
            m.put("message", o.message());
        }
        write(m);
    }

    private Map<String, Object> batchLine(Batch b, StepStatus status) {
        Map<String, Object> m = line(b.call() ? "call" : "batch");
        m.put("step", b.stepId());
        m.put("model", b.model());
        m.put("batch", b.number());
        m.put("of", b.of());
        m.put("status", status.name());
        return m;
    }

    private Map<String, Object> line(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("at", Instant.now(clock).toString());
        return m;
    }

    /** Writes one line and forces it to disk. */
    synchronized void write(Map<String, Object> line) {
        try {
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            out.flush();
            out.getChannel().force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the run journal " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the run journal " + file, e);
        }
    }

    static Map<String, Object> sorted(Map<String, Object> m) {
        return new TreeMap<>(m);
    }

    static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
