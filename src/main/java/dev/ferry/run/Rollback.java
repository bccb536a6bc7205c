package dev.ferry.run;

import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Origin;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.PlanExecutor;
import dev.ferry.odoo.RecordRef;
import dev.ferry.finding.FindingsException;
import dev.ferry.plan.PlanReader;
import dev.ferry.plan.PlanStep;

import java.nio.file.Path;

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
 * journal left RUNNING or UNKNOWN are read back by external id first. A call step is undone as its plan contract
 * says: the undo methods run on the records the run created (e.g. cancel a confirmed order so it can be unlinked);
 * records that existed before the run, and call steps without an undo, cannot be undone: rollback lists them and
 * stops before writing unless told to skip them.
 */
public final class Rollback {
    private Rollback() {
    }

    /** One thing rollback does. */
    public sealed interface Action permits Unlink, Restore, Undo, Sweep {
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
     * Unlinks what Odoo made alongside the run's records (chatter, followers, fields on inheriting models, external
     * ids of one2many lines, a confirmed order's delivery) that is still there when rollback reaches it.
     */
    public record Sweep(String model, List<Long> ids) implements Action {
        public String describe() {
            return "unlink what is left of " + ids.size() + " " + model + " record(s) Odoo made alongside the run";
        }
    }

    /** Calls a call step's undo methods on the records the run created and the step changed. */
    public record Undo(String step, String model, List<String> methods, Map<String, Object> context, List<String> xids,
                       List<Long> ids) implements Action {
        public String describe() {
            return "call " + String.join(", then ", methods) + " on " + ids.size() + " " + model + " record(s) changed by "
                    + step;
        }
    }

    /**
     * The actions, and the call steps that cannot be undone.
     *
     * @param irreversible findings naming the call steps whose effects stay (RUN-002)
     */
    public record Plan(List<Action> actions, List<Finding> irreversible) {
    }

    /** Works out what to undo; reads external ids back but writes nothing. */
    public static Plan plan(OdooClient client, RunJournal journal) {
        Map<String, PlanStep.CallStep> callSteps = callSteps(journal);
        Map<String, List<RunJournal.BatchRecord>> bySteps = new LinkedHashMap<>();
        Set<String> created = new LinkedHashSet<>();
        for (RunJournal.BatchRecord b : journal.batches()) {
            bySteps.computeIfAbsent(b.step(), k -> new ArrayList<>()).add(b);
            if (!b.call()) {
                b.ids().keySet().stream().filter(x -> !b.existing().containsKey(x)).forEach(created::add);
            }
        }
        List<Finding> irreversible = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        List<String> steps = new ArrayList<>(bySteps.keySet());
        Collections.reverse(steps);
        for (String step : steps) {
            List<RunJournal.BatchRecord> batches = new ArrayList<>(bySteps.get(step));
            Collections.reverse(batches);
            String model = batches.get(0).model();
            if (batches.get(0).call()) {
                undoCall(client, journal, step, model, batches, callSteps.get(step), created, actions, irreversible);
                continue;
            }
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
        // After the calls are undone (a cancelled order's delivery can go) and before the run's own records are
        // unlinked, since what Odoo made may refer to them (a delivery's moves to the products).
        int at = 0;
        while (at < actions.size() && actions.get(at) instanceof Undo) {
            at++;
        }
        // Odoo's own bookkeeping goes last: fields reflected on inheriting models leave with their field (Odoo refuses
        // to unlink them alone), and until the run's records are gone a failed rollback can be run again by their
        // external ids.
        List<Action> sweeps = new ArrayList<>();
        journal.sideRecords().forEach((model, ids) -> {
            if (model.startsWith("ir.")) {
                actions.add(new Sweep(model, ids));
            } else {
                sweeps.add(new Sweep(model, ids));
            }
        });
        actions.addAll(at, sweeps);
        return new Plan(actions, irreversible);
    }

    private static void undoCall(OdooClient client, RunJournal journal, String step, String model,
                                 List<RunJournal.BatchRecord> batches, PlanStep.CallStep callStep, Set<String> created,
                                 List<Action> actions, List<Finding> irreversible) {
        Set<String> called = new LinkedHashSet<>();
        batches.forEach(b -> called.addAll(b.updated()));
        if (called.isEmpty()) {
            return;
        }
        PlanStep.CallContract contract = callStep == null ? PlanStep.CallContract.NONE : callStep.contract();
        List<String> ours = called.stream().filter(created::contains).toList();
        long theirs = called.size() - ours.size();
        Origin origin = new Origin(journal.runDir().resolve("journal.jsonl").toString(), 0, 0, model, null);
        if (contract.undo() == null) {
            irreversible.add(Finding.error(FindingCode.RUN_002, origin, step,
                    "a step with an inverse; Odoo has no general undo for the method it called, so its effects stay")
                    .withHint("rerun with --skip-irreversible to undo everything else, then undo " + step + " by hand"));
            return;
        }
        if (theirs > 0) {
            irreversible.add(Finding.error(FindingCode.RUN_002, origin, step,
                    "records the run created; " + theirs + " record(s) existed before the run and keep what the step's"
                            + " method did (the run does not unlink them)")
                    .withHint("rerun with --skip-irreversible to undo everything else, then undo " + step
                            + " by hand on the records it lists"));
        }
        if (contract.undo().isEmpty() || ours.isEmpty()) {
            return;
        }
        Map<String, RecordRef> now = client.lookupExternalIds(ours);
        List<String> xs = ours.stream().filter(now::containsKey).toList();
        if (!xs.isEmpty()) {
            actions.add(new Undo(step, model, contract.undo(), contract.undoContext(), xs,
                    xs.stream().map(x -> now.get(x).id()).toList()));
        }
    }

    /** The plan's call steps by id, or none when the plan folder the run used is gone. */
    private static Map<String, PlanStep.CallStep> callSteps(RunJournal journal) {
        Map<String, PlanStep.CallStep> out = new LinkedHashMap<>();
        try {
            for (PlanStep s : PlanReader.read(Path.of(journal.info().planDir())).steps()) {
                if (s instanceof PlanStep.CallStep c) {
                    out.put(c.id(), c);
                }
            }
        } catch (FindingsException e) {
            // Without the plan no contract is known: every call step that ran counts as irreversible.
        }
        return out;
    }

    /** Applies the actions in order, journalling each to {@code rollback.jsonl}. */
    public static void apply(OdooClient client, RunJournal journal, Plan plan) {
        try (Journal log = Journal.open(journal.runDir().resolve("rollback"), java.time.Clock.systemUTC())) {
            Map<String, Map<String, Map<String, Object>>> defs = new LinkedHashMap<>();
            for (Action a : plan.actions()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("type", a instanceof Unlink ? "unlink" : a instanceof Undo ? "undo" : a instanceof Sweep ? "sweep"
                        : "restore");
                line.put("action", a.describe());
                if (a instanceof Sweep w) {
                    List<Long> left = client.search(w.model(), List.of(List.of("id", "in", w.ids())));
                    line.put("ids", left);
                    if (!left.isEmpty()) {
                        client.unlink(w.model(), left);
                    }
                } else if (a instanceof Unlink u) {
                    line.put("ids", u.ids());
                    client.unlink(u.model(), u.ids());
                } else if (a instanceof Undo u) {
                    line.put("ids", u.ids());
                    Map<String, Object> ctx = new LinkedHashMap<>(PlanExecutor.MAIL_CONTEXT);
                    ctx.putAll(u.context());
                    for (String method : u.methods()) {
                        client.execute(u.model(), method, List.of(u.ids()), Map.of("context", ctx));
                    }
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
