package dev.ferry.run;

import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Origin;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.PlanExecutor;
import dev.ferry.odoo.RecordRef;
import dev.ferry.odoo.StepStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Undoes a run from its journal, in reverse step order: unlinks the records the run created (children before
 * parents, since later steps reference earlier ones) and writes back the values an update replaced. Batches the
 * journal left RUNNING or UNKNOWN are read back by external id first. Call steps have no inverse: rollback lists
 * them and stops before writing unless told to skip them.
 */
public final class Rollback {
    private Rollback() {
    }

    /** One thing rollback does. */
    public sealed interface Action permits Unlink, Restore {
        String describe();
    }

    public record Unlink(String step, String model, List<String> xids, List<Long> ids) implements Action {
        public String describe() {
            return "unlink " + ids.size() + " " + model + " record(s) created by " + step;
        }
    }

    public record Restore(String step, String model, String xid, long id, Map<String, Object> values) implements Action {
        public String describe() {
            return "restore " + model + " " + xid + " (id " + id + ") fields " + values.keySet();
        }
    }

    /**
     * The actions, and the call steps that cannot be undone.
     *
     * @param irreversible findings naming the call steps the run executed (RUN-002)
     */
    public record Plan(List<Action> actions, List<Finding> irreversible) {
    }

    /** Works out what to undo; reads external ids back but writes nothing. */
    public static Plan plan(OdooClient client, RunJournal journal) {
        Map<String, List<RunJournal.BatchRecord>> bySteps = new LinkedHashMap<>();
        List<Finding> irreversible = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (RunJournal.BatchRecord b : journal.batches()) {
            if (b.call()) {
                if (b.status() != StepStatus.FAILED && seen.add(b.step())) {
                    irreversible.add(Finding.error(FindingCode.RUN_002, new Origin(
                            journal.runDir().resolve("journal.jsonl").toString(), 0, 0, b.model(), null), b.step(),
                            "a step with an inverse; Odoo has no general undo for the method it called, so its effects stay")
                            .withHint("rerun with --skip-irreversible to undo everything else, then undo " + b.step() + " by hand"));
                }
                continue;
            }
            bySteps.computeIfAbsent(b.step(), k -> new ArrayList<>()).add(b);
        }
        List<Action> actions = new ArrayList<>();
        List<String> steps = new ArrayList<>(bySteps.keySet());
        Collections.reverse(steps);
        for (String step : steps) {
            List<RunJournal.BatchRecord> batches = new ArrayList<>(bySteps.get(step));
            Collections.reverse(batches);
            String model = batches.get(0).model();
            List<String> createdXids = new ArrayList<>();
            List<Restore> restores = new ArrayList<>();
            for (RunJournal.BatchRecord b : batches) {
                List<String> xids = new ArrayList<>(b.xids());
                Collections.reverse(xids);
                for (String x : xids) {
                    if (b.existing().containsKey(x)) {
                        Map<String, Object> old = b.old().get(x);
                        if (old != null && !old.isEmpty()) {
                            restores.add(new Restore(step, model, x, b.existing().get(x), old));
                        }
                    } else {
                        createdXids.add(x);
                    }
                }
            }
            // What exists now decides: records already gone (or never landed) need no unlink.
            Map<String, RecordRef> now = client.lookupExternalIds(createdXids);
            List<String> xs = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (String x : createdXids) {
                if (now.containsKey(x)) {
                    xs.add(x);
                    ids.add(now.get(x).id());
                }
            }
            if (!ids.isEmpty()) {
                actions.add(new Unlink(step, model, xs, ids));
            }
            actions.addAll(restores);
        }
        return new Plan(actions, irreversible);
    }

    /** Applies the actions in order, journalling each to {@code rollback.jsonl}. */
    public static void apply(OdooClient client, RunJournal journal, Plan plan) {
        try (Journal log = Journal.open(journal.runDir().resolve("rollback"), java.time.Clock.systemUTC())) {
            Map<String, Map<String, Map<String, Object>>> defs = new LinkedHashMap<>();
            for (Action a : plan.actions()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("type", a instanceof Unlink ? "unlink" : "restore");
                line.put("action", a.describe());
                if (a instanceof Unlink u) {
                    line.put("ids", u.ids());
                    client.unlink(u.model(), u.ids());
                } else if (a instanceof Restore r) {
                    Map<String, Map<String, Object>> f = defs.computeIfAbsent(r.model(),
                            m -> client.fieldsGet(m, List.of("type", "relation")));
                    Map<String, Object> vals = new LinkedHashMap<>();
                    r.values().forEach((k, v) -> {
                        String type = f.containsKey(k) ? String.valueOf(f.get(k).get("type")) : "";
                        if (type.equals("many2many")) {
                            vals.put(k, List.of(List.of(6, 0, v instanceof List<?> l ? l : List.of())));
                        } else if (!type.equals("one2many") && f.containsKey(k)) {
                            vals.put(k, v);
                        }
                    });
                    if (!vals.isEmpty()) {
                        client.write(r.model(), List.of(r.id()), vals, PlanExecutor.MAIL_CONTEXT);
                    }
                }
                line.put("status", "DONE");
                log.write(line);
            }
        }
    }
}
