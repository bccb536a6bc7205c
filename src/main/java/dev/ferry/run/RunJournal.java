package dev.ferry.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.FindingsException;
import dev.ferry.finding.Origin;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.StepStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A run journal read back: what resume, verify and rollback know about an earlier run. */
public final class RunJournal implements LoadOptions.PriorRun {

    /**
     * Everything the journal says about one batch.
     *
     * @param xids     external ids of the batch
     * @param existing external ids that existed before the first attempt → database id (updated, not created)
     * @param old      values the first attempt was about to replace, per existing external id
     * @param status   the last status written
     * @param ids      external id → database id of what landed, as last written
     * @param failed   external id → Odoo's message, as last written
     * @param updated  external ids the batch updated, as last written; for a call step, those the method ran on
     */
    public record BatchRecord(String step, String model, int number, boolean call, List<String> xids,
                              Map<String, Long> existing, Map<String, Map<String, Object>> old, StepStatus status,
                              Map<String, Long> ids, Map<String, String> failed, List<String> updated) {
    }

    private final Path runDir;
    private final RunInfo info;
    private final Map<String, BatchRecord> batches;
    private final StepStatus endStatus;
    private final Map<String, Long> sideBaseline;
    private final Map<String, List<Long>> sideRecords;

    private RunJournal(Path runDir, RunInfo info, Map<String, BatchRecord> batches, StepStatus endStatus,
                       Map<String, Long> sideBaseline, Map<String, List<Long>> sideRecords) {
        this.sideBaseline = sideBaseline;
        this.sideRecords = sideRecords;
        this.runDir = runDir;
        this.info = info;
        this.batches = batches;
        this.endStatus = endStatus;
    }

    /** Reads {@code runDir/journal.jsonl}; a missing or damaged journal is a RUN-001 finding. */
    @SuppressWarnings("unchecked")
    public static RunJournal read(Path runDir) {
        Path file = runDir.resolve("journal.jsonl");
        if (!Files.isRegularFile(file)) {
            throw FindingsException.of(Finding.error(FindingCode.RUN_001, Origin.file(file.toString(), 0, 0), null,
                    "a run folder holding journal.jsonl (runs are listed under the --run-dir folder)"));
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        RunInfo info = null;
        Map<String, BatchRecord> batches = new LinkedHashMap<>();
        StepStatus end = null;
        Map<String, Long> sideBaseline = null;
        Map<String, List<Long>> sideRecords = Map.of();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            Map<String, Object> m;
            try {
                m = Journal.JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (IOException e) {
                if (i == lines.size() - 1 || resumeFollows(lines, i)) {
                    // A line cut short by a kill: the batch it described is still RUNNING in the line before, or
                    // never started; the resume that followed (Journal ends the fragment) goes on from there.
                    continue;
                }
                throw FindingsException.of(Finding.error(FindingCode.RUN_001, Origin.file(file.toString(), i + 1, 0),
                        text, "a JSON object per line"));
            }
            String type = String.valueOf(m.get("type"));
            switch (type) {
                case "run-start" -> info = new RunInfo(str(m, "run"), str(m, "plan"), str(m, "plan-digest"),
                        str(m, "target"), str(m, "db"), str(m, "version"), str(m, "protocol"),
                        Boolean.TRUE.equals(m.get("sandbox")), num(m, "batch-size"), str(m, "on-error"), num(m, "sample"));
                case "run-end" -> end = StepStatus.valueOf(str(m, "status"));
                case "resume" -> end = null;
                case "side-baseline" -> sideBaseline = sideBaseline != null ? sideBaseline : longs(m.get("max-ids"));
                case "side-records" -> sideRecords = idLists(m.get("ids"));
                case "batch", "call" -> {
                    String key = m.get("step") + "#" + m.get("batch");
                    BatchRecord prev = batches.get(key);
                    StepStatus status = StepStatus.valueOf(str(m, "status"));
                    List<String> xids = m.containsKey("xids") ? Journal.strings(m.get("xids")) : prev == null ? List.of() : prev.xids();
                    // A re-send on resume keeps the first attempt's view of what existed before the run.
                    Map<String, Long> existing = prev != null ? prev.existing() : longs(m.get("existing"));
                    Map<String, Map<String, Object>> old = prev != null ? prev.old()
                            : m.get("old") instanceof Map<?, ?> o ? (Map<String, Map<String, Object>>) o : Map.of();
                    Map<String, Long> ids = status == StepStatus.RUNNING && prev != null ? prev.ids() : longs(m.get("ids"));
                    Map<String, String> failed = m.get("failed") instanceof Map<?, ?> f ? (Map<String, String>) f : Map.of();
                    // Every attempt's updates count: a resumed call skips what an earlier attempt already called.
                    Set<String> union = new LinkedHashSet<>(prev == null ? List.of() : prev.updated());
                    union.addAll(Journal.strings(m.get("updated")));
                    List<String> updated = List.copyOf(union);
                    batches.put(key, new BatchRecord(str(m, "step"), str(m, "model"), num(m, "batch"), type.equals("call"),
                            xids, existing, old, status, ids, failed, updated));
                }
                default -> {
                }
            }
        }
        if (info == null) {
            throw FindingsException.of(Finding.error(FindingCode.RUN_001, Origin.file(file.toString(), 1, 0), null,
                    "a run-start line first"));
        }
        return new RunJournal(runDir, info, batches, end, sideBaseline, sideRecords);
    }

    /** Whether the next non-blank line after line {@code i} is a resume's first line. */
    private static boolean resumeFollows(List<String> lines, int i) {
        for (int j = i + 1; j < lines.size(); j++) {
            if (!lines.get(j).isBlank()) {
                try {
                    return "resume".equals(Journal.JSON.readTree(lines.get(j)).path("type").asText());
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : String.valueOf(v);
    }

    private static int num(Map<String, Object> m, String k) {
        return m.get(k) instanceof Number n ? n.intValue() : 0;
    }

    private static Map<String, Long> longs(Object o) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), ((Number) v).longValue()));
        }
        return out;
    }

    private static Map<String, List<Long>> idLists(Object o) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), ((List<?>) v).stream().map(n -> ((Number) n).longValue()).toList()));
        }
        return out;
    }

    @Override
    public Map<String, Long> sideBaseline() {
        return sideBaseline;
    }

    /**
     * What Odoo made alongside the run's records, per model, as the last attempt's end found it: ids above the
     * baseline, made by the run's user, less the records the run's own steps created.
     */
    public Map<String, List<Long>> sideRecords() {
        Map<String, Set<Long>> own = new HashMap<>();
        for (BatchRecord b : batches.values()) {
            own.computeIfAbsent(b.model(), k -> new HashSet<>()).addAll(b.ids().values());
        }
        Map<String, List<Long>> out = new LinkedHashMap<>();
        sideRecords.forEach((model, ids) -> {
            List<Long> rest = ids.stream().filter(id -> !own.getOrDefault(model, Set.of()).contains(id)).toList();
            if (!rest.isEmpty()) {
                out.put(model, rest);
            }
        });
        return out;
    }

    public Path runDir() {
        return runDir;
    }

    public RunInfo info() {
        return info;
    }

    /** Batches in the order they first appeared. */
    public List<BatchRecord> batches() {
        return List.copyOf(batches.values());
    }

    @Override
    public StepStatus status(String stepId, int batch) {
        BatchRecord b = batches.get(stepId + "#" + batch);
        return b == null ? StepStatus.PENDING : b.status();
    }

    @Override
    public Map<String, Long> existingBefore(String stepId, int batch) {
        BatchRecord b = batches.get(stepId + "#" + batch);
        return b == null ? null : b.existing();
    }

    /** The run's status: the worst batch status; PENDING when the run never ended (killed) and all batches are DONE. */
    public StepStatus status() {
        StepStatus s = StepStatus.DONE;
        for (BatchRecord b : batches.values()) {
            s = s.max(b.status());
        }
        return endStatus == null ? s.max(StepStatus.PENDING) : s.max(endStatus);
    }

    /** Every external id the run sent, in order. */
    public Set<String> xids() {
        Set<String> out = new LinkedHashSet<>();
        batches.values().stream().filter(b -> !b.call()).forEach(b -> out.addAll(b.xids()));
        return out;
    }

    /** External ids Odoo refused in the batch's last attempt. */
    public Map<String, String> failed() {
        Map<String, String> out = new LinkedHashMap<>();
        batches.values().forEach(b -> out.putAll(b.failed()));
        return out;
    }
}
