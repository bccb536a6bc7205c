package dev.ferry.run;

import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.SameValue;
import dev.ferry.odoo.UserMatch;
import dev.ferry.odoo.PlanExecutor;
import dev.ferry.odoo.RecordRef;
import dev.ferry.odoo.StepTable;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanReader;
import dev.ferry.plan.PlanStep;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads back every record of a run by external id and compares it field by field with the plan's rows,
 * normalising what Odoo changes in form only: many2one read as {@code [id, name]} against the plan's external id,
 * many2many as sets, floats with a tolerance, booleans, datetimes (plan's zone vs UTC), html by text content,
 * empty cells vs {@code False}. Fields a call step changes (its contract's {@code changes}) are not compared on its
 * records; instead its records that still match the step's precondition are reported as drifted.
 */
public final class Verifier {
    /** Classification of a loaded record (STYLE §7). */
    public enum Status { COMPLETE, MISSING, DRIFTED, UNKNOWN }

    /** One field that differs. */
    public record Diff(String field, String odoo, String plan) {
    }

    public record RecordCheck(String step, String model, String xid, Long id, Status status, List<Diff> diffs, String note) {
    }

    /**
     * Per-step figures for the reconciliation report.
     *
     * @param nullForeignKeys many2one column → records whose value is empty in Odoo
     * @param fillRates       custom x_ field → records with a value in Odoo
     */
    public record StepFigures(String step, String model, int records, Map<String, Integer> nullForeignKeys,
                              Map<String, Integer> fillRates) {
    }

    public record Result(List<RecordCheck> records, List<StepFigures> figures) {
        public long count(Status s) {
            return records.stream().filter(r -> r.status() == s).count();
        }

        public long differences() {
            return records.size() - count(Status.COMPLETE);
        }
    }

    private Verifier() {
    }

    /** Verifies the records a run sent (every plan record when {@code only} is null). */
    public static Result verify(OdooClient client, Path planDir, Set<String> only, Map<String, String> failed) {
        Plan plan = PlanReader.read(planDir);
        ZoneId tz = plan.context().get("tz") == null ? null : ZoneId.of(plan.context().get("tz"));
        UserMatch users = UserMatch.resolve(client, planDir);
        List<RecordCheck> checks = new ArrayList<>();
        List<StepFigures> figures = new ArrayList<>();
        Map<String, Set<String>> changedByCalls = PlanExecutor.changedByCalls(plan, planDir);
        java.util.function.BiFunction<String, String, Set<Long>> byNames = nameSearch(client);
        for (PlanStep step : plan.steps()) {
            if (step instanceof PlanStep.CallStep call) {
                checkCall(client, planDir, call, only, failed, checks);
                continue;
            }
            StepTable table = StepTable.read(planDir.resolve(step.file()));
            List<StepTable.Record> records = table.records().stream()
                    .filter(r -> only == null || only.contains(r.xid())).toList();
            if (records.isEmpty()) {
                continue;
            }
            Map<String, Map<String, Object>> defs = client.fieldsGet(step.model(), List.of("type", "relation"));
            Set<String> refs = new LinkedHashSet<>();
            records.forEach(r -> {
                refs.add(r.xid());
                refs.addAll(table.references(r));
                int rc = table.column("res_id/id");
                if (rc >= 0 && !r.main().get(rc).isEmpty()) {
                    refs.add(r.main().get(rc));
                }
            });
            Map<String, RecordRef> resolved = new LinkedHashMap<>();
            List<String> all = List.copyOf(refs);
            for (int i = 0; i < all.size(); i += 1000) {
                resolved.putAll(client.lookupExternalIds(all.subList(i, Math.min(all.size(), i + 1000))));
            }
            List<String> fields = new ArrayList<>();
            for (String f : table.writtenFields()) {
                if (defs.containsKey(f)) {
                    fields.add(f);
                }
            }
            List<Long> ids = new ArrayList<>();
            records.forEach(r -> {
                if (resolved.containsKey(r.xid())) {
                    ids.add(resolved.get(r.xid()).id());
                }
            });
            Map<Long, Map<String, Object>> read = new LinkedHashMap<>();
            if (!ids.isEmpty()) {
                for (Map<String, Object> row : client.read(step.model(), ids, fields)) {
                    read.put((Long) row.get("id"), row);
                }
            }
            Map<String, Integer> nullFk = new LinkedHashMap<>();
            Map<String, Integer> fill = new LinkedHashMap<>();
            for (String f : fields) {
                if ("many2one".equals(defs.get(f).get("type"))) {
                    nullFk.put(f, 0);
                }
                if (f.startsWith("x_")) {
                    fill.put(f, 0);
                }
            }
            for (StepTable.Record r : records) {
                RecordRef ref = resolved.get(r.xid());
                Map<String, Object> row = ref == null ? null : read.get(ref.id());
                if (row == null) {
                    String note = failed.containsKey(r.xid()) ? "refused at load: " + failed.get(r.xid()) : "not found by external id";
                    checks.add(new RecordCheck(step.id(), step.model(), r.xid(), null, Status.MISSING, List.of(), note));
                    continue;
                }
                for (String f : nullFk.keySet()) {
                    if (!(row.get(f) instanceof List<?>)) {
                        nullFk.merge(f, 1, Integer::sum);
                    }
                }
                for (String f : fill.keySet()) {
                    Object v = row.get(f);
                    if (v != null && !Boolean.FALSE.equals(v) && !"".equals(v)) {
                        fill.merge(f, 1, Integer::sum);
                    }
                }
                List<Diff> diffs = compare(table, r, row, defs, resolved, tz, users,
                        changedByCalls.getOrDefault(step.model() + " " + r.xid(), Set.of()), byNames);
                checks.add(new RecordCheck(step.id(), step.model(), r.xid(), ref.id(),
                        diffs.isEmpty() ? Status.COMPLETE : Status.DRIFTED, diffs, null));
            }
            figures.add(new StepFigures(step.id(), step.model(), records.size(), nullFk, fill));
        }
        return new Result(checks, figures);
    }

    /**
     * The ids Odoo's {@code name_search(name, operator='=')} finds, cached: what {@code load} resolved a many2one
     * given by name to (a product by internal reference shows as {@code [CODE] Name}, not as the cell's text).
     */
    private static java.util.function.BiFunction<String, String, Set<Long>> nameSearch(OdooClient client) {
        Map<String, Set<Long>> cache = new java.util.HashMap<>();
        return (model, name) -> cache.computeIfAbsent(model + "\u0000" + name, k -> {
            Set<Long> ids = new HashSet<>();
            Object found = client.execute(model, "name_search", List.of(name), Map.of("operator", "=", "limit", 8));
            if (found instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof List<?> pair && !pair.isEmpty() && pair.get(0) instanceof Number n) {
                        ids.add(n.longValue());
                    }
                }
            }
            return ids;
        });
    }

    /** Model and external id → fields the plan's call steps change on that record (their contracts' changes). */
    /**
     * A call step's records that still match its precondition after the run: the method did not take effect. Each
     * is DRIFTED, with what the journal knows; records the call step does not guard are not checked.
     */
    private static void checkCall(OdooClient client, Path planDir, PlanStep.CallStep call, Set<String> only,
                                  Map<String, String> failed, List<RecordCheck> checks) {
        if (call.contract().when().isEmpty()) {
            return;
        }
        List<String> xids = StepTable.read(planDir.resolve(call.file())).records().stream().map(StepTable.Record::xid)
                .filter(x -> only == null || only.contains(x)).toList();
        Map<String, RecordRef> resolved = new LinkedHashMap<>();
        for (int i = 0; i < xids.size(); i += 1000) {
            resolved.putAll(client.lookupExternalIds(xids.subList(i, Math.min(xids.size(), i + 1000))));
        }
        if (resolved.isEmpty()) {
            return;
        }
        List<Object> domain = new ArrayList<>();
        domain.add(List.of("id", "in", resolved.values().stream().map(RecordRef::id).toList()));
        domain.addAll(call.contract().when());
        Set<Long> pending = new HashSet<>();
        Object found = client.execute(call.model(), "search", List.of(domain), Map.of("context", Map.of("active_test", false)));
        if (found instanceof List<?> l) {
            l.forEach(o -> pending.add(((Number) o).longValue()));
        }
        for (String x : xids) {
            RecordRef ref = resolved.get(x);
            if (ref != null && pending.contains(ref.id())) {
                String note = failed.containsKey(x) ? call.method() + " was refused: " + failed.get(x)
                        : call.method() + " has not run on it";
                checks.add(new RecordCheck(call.id(), call.model(), x, ref.id(), Status.DRIFTED,
                        List.of(new Diff(call.method(), "matches " + call.contract().when(), "called")), note));
            }
        }
    }

    private static List<Diff> compare(StepTable table, StepTable.Record r, Map<String, Object> row,
                                      Map<String, Map<String, Object>> defs, Map<String, RecordRef> resolved, ZoneId tz,
                                      UserMatch users, Set<String> changedByCalls,
                                      java.util.function.BiFunction<String, String, Set<Long>> byNames) {
        List<Diff> diffs = new ArrayList<>();
        Set<String> linesDone = new HashSet<>();
        List<String> header = table.header();
        for (int c = 1; c < header.size(); c++) {
            String col = header.get(c);
            String cell = r.main().get(c);
            if (col.equals("res_id/id")) {
                RecordRef target = resolved.get(cell);
                String want = cell.isEmpty() ? "" : target == null ? "unresolved " + cell : Long.toString(target.id());
                String got = row.get("res_id") instanceof Number n && n.longValue() != 0 ? Long.toString(n.longValue()) : "";
                if (!want.equals(got)) {
                    diffs.add(new Diff("res_id", got, want + " (" + cell + ")"));
                }
                continue;
            }
            String field = col.contains("/") ? col.substring(0, col.indexOf('/')) : col;
            Map<String, Object> def = defs.get(field);
            if (def == null || !row.containsKey(field) || changedByCalls.contains(field)) {
                continue;
            }
            String type = String.valueOf(def.get("type"));
            Object got = row.get(field);
            String rest = col.substring(field.length());
            if ("one2many".equals(type)) {
                if (linesDone.add(field)) {
                    int want = 0;
                    for (List<String> line : r.rows()) {
                        for (int k = 1; k < header.size(); k++) {
                            if (header.get(k).startsWith(field + "/") && !line.get(k).isEmpty()) {
                                want++;
                                break;
                            }
                        }
                    }
                    int have = got instanceof List<?> l ? l.size() : 0;
                    if (want != have) {
                        diffs.add(new Diff(field, have + " line(s)", want + " line(s)"));
                    }
                }
                continue;
            }
            if (rest.equals("/id")) {
                Set<Long> want = new TreeSet<>();
                List<String> unresolved = new ArrayList<>();
                for (String x : cell.split(",")) {
                    if (!x.isBlank()) {
                        RecordRef t = resolved.get(x.strip());
                        if (t == null) {
                            unresolved.add(x.strip());
                        } else {
                            want.add(t.id());
                        }
                    }
                }
                Set<Long> have = SameValue.ids(got, type);
                if (cell.isEmpty()) {
                    continue;
                }
                if (!want.equals(have) || !unresolved.isEmpty()) {
                    diffs.add(new Diff(field, have.toString(), want + (unresolved.isEmpty() ? "" : " unresolved " + unresolved)
                            + " (" + cell + ")"));
                }
            } else if (rest.equals("/.id")) {
                if ("res.users".equals(def.get("relation"))) {
                    cell = users.remap(cell);
                }
                if (cell.isEmpty()) {
                    continue;
                }
                Set<Long> want = new TreeSet<>();
                for (String x : cell.split(",")) {
                    if (!x.isBlank()) {
                        want.add(Long.parseLong(x.strip()));
                    }
                }
                Set<Long> have = SameValue.ids(got, type);
                if (!want.equals(have)) {
                    diffs.add(new Diff(field, have.toString(), want.toString()));
                }
            } else if (rest.isEmpty()) {
                String odoo = SameValue.display(got);
                boolean byName = "many2one".equals(type) && !cell.isEmpty() && got instanceof List<?> l && !l.isEmpty()
                        && byNames.apply(String.valueOf(def.get("relation")), cell).contains(((Number) l.get(0)).longValue());
                if (!byName && !cell.isEmpty() && !SameValue.same(type, cell, got, tz)) {
                    diffs.add(new Diff(field, odoo, cell));
                }
            }
        }
        return diffs;
    }
}
