package dev.ferry.run;

import dev.ferry.odoo.StepTable;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanStep;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A referentially closed sample of a plan: the first N records of each load step, every schema record, and
 * every record they reference by external id, transitively, across steps and within a step. Loaded in plan
 * order, so references resolve as in a full load.
 */
public final class Sampler {
    private Sampler() {
    }

    /** External ids of the sample; deterministic (first N in file order). */
    public static Set<String> sample(Plan plan, Path planDir, int n) {
        Map<String, StepTable> tables = new HashMap<>();
        Map<String, StepTable.Record> byXid = new HashMap<>();
        Map<String, StepTable> tableOf = new HashMap<>();
        Set<String> chosen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (PlanStep s : plan.steps()) {
            StepTable t = StepTable.read(planDir.resolve(s.file()));
            tables.put(s.id(), t);
            int i = 0;
            for (StepTable.Record r : t.records()) {
                byXid.putIfAbsent(r.xid(), r);
                tableOf.putIfAbsent(r.xid(), t);
                if (s instanceof PlanStep.SchemaStep || (s instanceof PlanStep.LoadStep && i < n)) {
                    todo.add(r.xid());
                }
                i++;
            }
        }
        while (!todo.isEmpty()) {
            String x = todo.poll();
            if (!chosen.add(x)) {
                continue;
            }
            StepTable.Record r = byXid.get(x);
            if (r == null) {
                continue; // a reference to a record outside the plan (e.g. base.ca)
            }
            for (String ref : tableOf.get(x).references(r)) {
                if (!chosen.contains(ref)) {
                    todo.add(ref);
                }
            }
        }
        // Call steps act on whatever of their records the sample holds.
        return chosen;
    }
}
