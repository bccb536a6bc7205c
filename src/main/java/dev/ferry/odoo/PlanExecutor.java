package dev.ferry.odoo;

import dev.ferry.catalog.MethodFacts;
import dev.ferry.odoo.BatchListener.Batch;
import dev.ferry.odoo.BatchListener.BatchOutcome;
import dev.ferry.odoo.BatchListener.FailedRow;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanStep;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes a compiled plan against one Odoo database: schema and load steps through Odoo's own {@code load} in
 * batches (a record never split from its continuation rows), then call steps. A refused batch is narrowed down
 * (by Odoo's row messages, else by bisection) so its good rows land and only the bad ones fail. Before each
 * batch it records which external ids exist and their current values, so the journal can undo the batch.
 * The writer never runs rules; the preflight ({@link Preflight}) runs before it.
 */
public final class PlanExecutor {
    /** Context keys that keep Odoo from writing chatter and followers for every imported record. */
    public static final Map<String, Object> MAIL_CONTEXT = Map.of("tracking_disable", true, "mail_create_nolog", true,
            "mail_create_nosubscribe", true, "mail_notrack", true);
    /** Odoo's superuser (OdooBot, {@code base.user_root}), the author of what modules make with_user(SUPERUSER_ID). */
    private static final long SUPERUSER = 1L;
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /**
     * Models where a real Odoo makes records of its own while a plan loads, even with {@link #MAIL_CONTEXT}:
     * followers an activity subscribes, chatter and tracking that recomputed fields write, the related field a
     * custom res.partner field gets on res.users (which inherits res.partner), the selection values of a custom
     * field and their external ids, and what confirming a sale order makes: its delivery and moves, with an
     * exception activity when a reload touched the order (its procurement group stays: Odoo lets no one delete
     * one). The run journals them so rollback removes
     * them; in the order rollback sweeps.
     */
    public static final List<String> SIDE_MODELS = List.of("stock.move.line", "stock.move", "stock.picking",
            "mail.activity", "mail.tracking.value", "mail.message", "mail.followers",
            "ir.attachment", "ir.model.fields.selection", "ir.model.fields", "ir.model.data");

    private final OdooClient client;
    private final Plan plan;
    private final Path planDir;
    private final LoadOptions options;
    private final BatchListener listener;
    private final MethodFacts methods;
    private final Map<String, Map<String, Map<String, Object>>> fieldsCache = new HashMap<>();
    private final Map<String, StepTable> partTables = new HashMap<>();
    private final Map<String, Map<String, Object>> defaultsCache = new HashMap<>();
    private UserMatch users;
    private Map<String, Set<String>> changedByCalls;

    /** @param methods how the target's version declares the methods the writer calls (the catalog's) */
    public PlanExecutor(OdooClient client, Plan plan, Path planDir, LoadOptions options, BatchListener listener,
                        MethodFacts methods) {
        this.methods = methods;
        this.client = client;
        this.plan = plan;
        this.planDir = planDir;
        this.options = options;
        this.listener = listener == null ? new BatchListener() { } : listener;
    }

    /** Records per load call: the option, else the plan's batch size, else 500. */
    public int batchSize() {
        return options.batchSize() > 0 ? options.batchSize() : plan.batchSize() > 0 ? plan.batchSize() : 500;
    }

    /** The context of every writing call: the mail keys plus the plan's context, with datetimes sent in UTC. */
    public Map<String, Object> context() {
        Map<String, Object> ctx = new LinkedHashMap<>(MAIL_CONTEXT);
        ctx.putAll(plan.context());
        if (ctx.containsKey("tz")) {
            // Ferry converts the plan's local datetimes to UTC itself (see convertDatetimes), so Odoo must not shift them again.
            ctx.put("tz", "UTC");
        }
        return ctx;
    }

    /** The records of a step this run handles (all, or the sample), grouped into batches. */
    public List<List<StepTable.Record>> batches(PlanStep step, StepTable table) {
        List<StepTable.Record> records = new ArrayList<>();
        for (StepTable.Record r : table.records()) {
            if (options.only() == null || options.only().contains(r.xid())) {
                records.add(r);
            }
        }
        List<List<StepTable.Record>> out = new ArrayList<>();
        int size = batchSize();
        for (int i = 0; i < records.size(); i += size) {
            out.add(List.copyOf(records.subList(i, Math.min(records.size(), i + size))));
        }
        return out;
    }

    public StepTable table(PlanStep step) {
        return StepTable.read(planDir.resolve(step.file()));
    }

    /** Runs every step in order; stops early on a lost reply, or on refused rows with {@link LoadOptions.OnError#STOP}. */
    public LoadReport execute() {
        Map<String, Long> baseline = options.prior() == null ? null : options.prior().sideBaseline();
        if (baseline == null) {
            baseline = sideMaxIds();
            listener.sideBaseline(baseline);
        }
        LoadReport report = executeSteps();
        try {
            listener.sideRecords(sideRecords(baseline));
        } catch (OdooException e) {
            if (report.status() == StepStatus.DONE) {
                throw e; // not DONE while its side records are unknown: the resume lists them
            }
            // The run stopped, often because the server went away with it; its report (UNKNOWN: exit 5) must still
            // reach the journal, and the resume that ends the run lists the side records from the same baseline.
        }
        return report;
    }

    /** The highest id of each side-effect model the server has (0 for an empty one). */
    private Map<String, Long> sideMaxIds() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String model : sideModels()) {
            // An id leaf, because ir.attachment hides the attachments of binary fields from a search without one: a
            // fresh 17.0 has ~500 (menu icons, payment method and company images) above the highest one it shows,
            // which the side records then took for the run's and rollback deleted.
            List<Long> top = OdooValues.ids(client.execute(model, "search", List.of(List.of(List.of("id", ">", 0))),
                    Map.of("limit", 1, "order", "id desc", "context", Map.of("active_test", false))), model + ".search");
            out.put(model, top.isEmpty() ? 0L : top.get(0));
        }
        return out;
    }

    /**
     * Ids above the baseline, made by this user or by no user, where the model records who made it (followers do
     * not).
     */
    private Map<String, List<Long>> sideRecords(Map<String, Long> baseline) {
        long uid = client.authenticate();
        Map<String, List<Long>> out = new LinkedHashMap<>();
        baseline.forEach((model, max) -> {
            List<Object> domain = new ArrayList<>();
            domain.add(List.of("id", ">", max));
            if (fields(model).containsKey("create_uid")) {
                // Odoo writes some by SQL without an author (the external ids load makes, fields it reflects) and
                // some as its superuser (the note on a delivery a confirmed order makes)
                domain.add(List.of("create_uid", "in", java.util.Arrays.asList(uid, SUPERUSER, false)));
            }
            List<Long> ids = OdooValues.ids(client.execute(model, "search", List.of(domain),
                    Map.of("order", "id", "context", Map.of("active_test", false))), model + ".search");
            if (!ids.isEmpty()) {
                out.put(model, ids);
            }
        });
        return out;
    }

    private List<String> sideModels() {
        Set<String> present = new java.util.HashSet<>();
        for (Map<String, Object> m : client.searchRead("ir.model", List.of(List.of("model", "in", SIDE_MODELS)),
                List.of("model"))) {
            present.add(String.valueOf(m.get("model")));
        }
        return SIDE_MODELS.stream().filter(present::contains).toList();
    }

    private LoadReport executeSteps() {
        List<LoadReport.StepReport> reports = new ArrayList<>();
        StepStatus runStatus = StepStatus.DONE;
        String stopped = null;
        for (PlanStep step : plan.steps()) {
            if (stopped != null) {
                break;
            }
            StepTable table = table(step);
            List<List<StepTable.Record>> batches = batches(step, table);
            int total = batches.stream().mapToInt(List::size).sum();
            listener.stepStarted(step.id(), step.model(), total, batches.size());
            StepStatus stepStatus = StepStatus.DONE;
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            int failed = 0;
            int skipped = 0;
            int done = 0;
            for (int b = 0; b < batches.size(); b++) {
                List<StepTable.Record> records = batches.get(b);
                Batch batch = new Batch(step.id(), step.model(), b + 1, batches.size(),
                        records.stream().map(StepTable.Record::xid).toList(), step instanceof PlanStep.CallStep);
                StepStatus prior = options.prior() == null ? StepStatus.PENDING : options.prior().status(step.id(), b + 1);
                BatchOutcome outcome;
                if (prior == StepStatus.DONE) {
                    skipped += records.size();
                    done += records.size();
                    listener.progress(step.id(), done, total);
                    continue;
                }
                try {
                    outcome = run(step, table, records, batch, prior);
                } catch (OdooUnreachableException e) {
                    // Nothing of this batch was sent (the lookups before sending failed): the run stops, resumable.
                    stopped = step.id() + " batch " + batch.number() + "/" + batch.of() + ": " + e.getMessage();
                    stepStatus = stepStatus.max(StepStatus.PENDING);
                    break;
                }
                listener.batchEnded(outcome);
                created += outcome.created().size();
                updated += outcome.updated().size();
                failed += outcome.failed().size();
                if (!batch.call()) {
                    unchanged += records.size() - outcome.created().size() - outcome.updated().size() - outcome.failed().size();
                }
                done += records.size();
                listener.progress(step.id(), done, total);
                stepStatus = stepStatus.max(outcome.status());
                if (outcome.status() == StepStatus.UNKNOWN) {
                    stopped = outcome.message();
                    break;
                }
                if (outcome.status() == StepStatus.FAILED && options.onError() == LoadOptions.OnError.STOP) {
                    stopped = step.id() + " batch " + batch.number() + "/" + batch.of() + ": " + outcome.failed().size()
                            + " record(s) refused" + (outcome.message() == null ? "" : " (" + outcome.message() + ")");
                    break;
                }
            }
            listener.stepEnded(step.id(), stepStatus);
            runStatus = runStatus.max(stepStatus);
            reports.add(new LoadReport.StepReport(step.id(), step.model(), stepStatus, total, created, updated, unchanged, failed, skipped));
        }
        return new LoadReport(runStatus, List.copyOf(reports), stopped);
    }

    /** One batch: a call, or a load (sent again when an earlier attempt's answer was lost). */
    private BatchOutcome run(PlanStep step, StepTable table, List<StepTable.Record> records, Batch batch,
                             StepStatus prior) {
        boolean lost = prior == StepStatus.RUNNING || prior == StepStatus.UNKNOWN;
        if (step instanceof PlanStep.CallStep call) {
            if (lost && !call.contract().when().isEmpty()) {
                // The precondition tells what the lost call did: what no longer matches it was called.
                return call(call, batch, true);
            }
            return lost
                    ? new BatchOutcome(batch, StepStatus.UNKNOWN, Map.of(), List.of(), List.of(), Map.of(), false,
                    "an earlier attempt called " + call.method() + " and its answer was lost; Odoo has no way to tell"
                            + " whether it ran, so Ferry will not call it again; check the records in Odoo")
                    : call(call, batch, false);
        }
        // Load upserts by external id, so a batch whose answer was lost is simply sent again: what landed is
        // updated, what did not is created. What the first attempt created is told by what existed before it.
        Map<String, Long> before = lost ? options.prior().existingBefore(step.id(), batch.number()) : null;
        return load(step, table, records, batch, before);
    }

    /**
     * Calls a step's method on a batch's records: only on records that are in Odoo with all their parts (rows of the
     * steps the call waits for that reference them), and, when the step's contract has a precondition ({@code when}),
     * only on those still matching it, so a re-run skips what is done. A fault splits the records like a refused load
     * so one bad record fails alone; after a fault and after a call the precondition is read again, because Odoo may
     * have applied a call that faulted (XML-RPC refuses to send a None result after the commit) and may answer a call
     * without applying it (a wizard to open instead).
     */
    private BatchOutcome call(PlanStep.CallStep step, Batch batch, boolean resumed) {
        Map<String, RecordRef> found = client.lookupExternalIds(batch.xids());
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String x : batch.xids()) {
            if (found.containsKey(x)) {
                ids.put(x, found.get(x).id());
            } else {
                failed.put(x, "No record with external id '" + x + "' to call " + step.method() + " on");
            }
        }
        missingParts(step, ids.keySet()).forEach((x, why) -> {
            ids.remove(x);
            failed.put(x, why);
        });
        listener.batchSending(batch, Map.copyOf(ids), Map.of());
        if (ids.isEmpty()) {
            return new BatchOutcome(batch, failed.isEmpty() ? StepStatus.DONE : StepStatus.FAILED, ids, List.of(),
                    List.of(), failed, false, null);
        }
        Map<String, Object> ctx = context();
        ctx.putAll(step.contract().context());
        List<String> called = new ArrayList<>();
        List<String> todo = new ArrayList<>(ids.keySet());
        if (resumed) {
            List<String> left = eligible(step, todo, ids);
            todo.stream().filter(x -> !left.contains(x)).forEach(called::add);
            todo = new ArrayList<>(left);
        }
        try {
            invoke(step, todo, ids, ctx, called, failed);
        } catch (ReplyLostException e) {
            return new BatchOutcome(batch, StepStatus.UNKNOWN, ids, List.of(), List.copyOf(called), failed, false, e.getMessage());
        }
        return new BatchOutcome(batch, failed.isEmpty() ? StepStatus.DONE : StepStatus.FAILED, ids, List.of(),
                List.copyOf(called), failed, false, null);
    }

    private void invoke(PlanStep.CallStep step, List<String> xids, Map<String, Long> ids, Map<String, Object> ctx,
                        List<String> called, Map<String, String> failed) {
        boolean guarded = !step.contract().when().isEmpty();
        List<String> pending = guarded ? eligible(step, xids, ids) : xids;
        if (pending.isEmpty()) {
            return;
        }
        Object answer;
        try {
            answer = client.execute(step.model(), step.method(), List.of(pending.stream().map(ids::get).toList()),
                    Map.of("context", ctx));
        } catch (OdooFault f) {
            if (!guarded) {
                // Without a precondition Ferry cannot tell what a faulted call did, so it does not call again.
                pending.forEach(x -> failed.put(x, f.summary()));
                return;
            }
            List<String> left = eligible(step, pending, ids);
            pending.stream().filter(x -> !left.contains(x)).forEach(called::add);
            if (left.size() == 1) {
                failed.put(left.get(0), f.summary());
            } else if (left.size() > 1) {
                int mid = left.size() / 2;
                invoke(step, left.subList(0, mid), ids, ctx, called, failed);
                invoke(step, left.subList(mid, left.size()), ids, ctx, called, failed);
            }
            return;
        }
        if (!guarded) {
            called.addAll(pending);
            return;
        }
        List<String> unchanged = eligible(step, pending, ids);
        for (String x : pending) {
            if (unchanged.contains(x)) {
                failed.put(x, step.method() + " answered without changing the record (it still matches the step's"
                        + " precondition " + step.contract().when() + "); Odoo answered: " + abbreviate(answer));
            } else {
                called.add(x);
            }
        }
    }

    /** Of these records, those that still match the call step's precondition (archived records included). */
    private List<String> eligible(PlanStep.CallStep step, List<String> xids, Map<String, Long> ids) {
        List<Object> domain = new ArrayList<>();
        domain.add(List.of("id", "in", xids.stream().map(ids::get).toList()));
        domain.addAll(step.contract().when());
        Set<Long> match = new java.util.HashSet<>(OdooValues.ids(client.execute(step.model(), "search", List.of(domain),
                Map.of("context", Map.of("active_test", false))), step.model() + ".search"));
        return xids.stream().filter(x -> match.contains(ids.get(x))).toList();
    }

    /**
     * Records that must not be called because a part of them is not in Odoo: rows of the steps the call waits for
     * (other than the record's own step) whose reference columns name the record, e.g. an order's lines.
     */
    private Map<String, String> missingParts(PlanStep.CallStep step, Set<String> xids) {
        Map<String, List<String[]>> parts = new LinkedHashMap<>();
        for (PlanStep dep : plan.steps()) {
            if (!step.dependsOn().contains(dep.id()) || dep instanceof PlanStep.CallStep || dep.model().equals(step.model())) {
                continue;
            }
            StepTable t = partTables.computeIfAbsent(dep.id(), k -> table(dep));
            List<Integer> refCols = new ArrayList<>();
            for (int c = 1; c < t.header().size(); c++) {
                String h = t.header().get(c);
                if (h.endsWith("/id") && h.indexOf('/') == h.length() - 3) {
                    refCols.add(c);
                }
            }
            for (StepTable.Record r : t.records()) {
                for (int c : refCols) {
                    String cell = r.main().get(c);
                    if (xids.contains(cell)) {
                        parts.computeIfAbsent(cell, k -> new ArrayList<>()).add(new String[]{r.xid(), dep.id(), dep.model()});
                    }
                }
            }
        }
        List<String> wanted = parts.values().stream().flatMap(List::stream).map(p -> p[0]).distinct().toList();
        Map<String, RecordRef> present = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i += 1000) {
            present.putAll(client.lookupExternalIds(wanted.subList(i, Math.min(wanted.size(), i + 1000))));
        }
        Map<String, String> out = new LinkedHashMap<>();
        parts.forEach((x, ps) -> {
            for (String[] p : ps) {
                if (!present.containsKey(p[0])) {
                    out.put(x, "not called: its " + p[2] + " " + p[0] + " (step " + p[1] + ") is not in Odoo; fix that row"
                            + " and load again");
                    break;
                }
            }
        });
        return out;
    }

    private static String abbreviate(Object answer) {
        String s = String.valueOf(answer);
        return s.length() > 120 ? s.substring(0, 119) + "…" : s;
    }

    private BatchOutcome load(PlanStep step, StepTable table, List<StepTable.Record> records, Batch batch,
                              Map<String, Long> existedBefore) {
        Map<String, RecordRef> existingRefs = client.lookupExternalIds(batch.xids());
        Map<String, Long> existing = new LinkedHashMap<>();
        existingRefs.forEach((x, r) -> existing.put(x, r.id()));
        Map<Long, Map<String, Object>> current = current(step.model(), table, existing);
        Map<String, Map<String, Object>> oldValues = oldValues(step.model(), table, existing, current);
        Set<String> unchanged = unchanged(step.model(), table, records, existing, current);
        unchanged.forEach(x -> oldValues.put(x, Map.of())); // not written, so nothing for rollback to restore
        listener.batchSending(batch, existing, oldValues);

        Map<String, String> failed = new LinkedHashMap<>();
        Prepared prepared = prepare(step.model(), table,
                records.stream().filter(r -> !unchanged.contains(r.xid())).toList(), failed);
        Map<String, Long> landed = new LinkedHashMap<>();
        String note = null;
        try {
            List<Integer> later = afterColumns(step.model(), prepared.header());
            for (Prepared part : parts(step.model(), without(prepared, prepared.records(), later))) {
                send(step.model(), part.header(), part.records(), landed, failed);
            }
            writeAfter(step.model(), prepared, later, landed, failed);
        } catch (ReplyLostException e) {
            return new BatchOutcome(batch, StepStatus.UNKNOWN, landed, List.of(), List.of(), failed, false,
                    step.id() + " batch " + batch.number() + "/" + batch.of() + ": " + e.getMessage());
        } catch (OdooUnreachableException e) {
            note = e.getMessage();
            for (StepTable.Record r : prepared.records()) {
                if (!landed.containsKey(r.xid())) {
                    failed.putIfAbsent(r.xid(), "not sent: " + e.getMessage());
                }
            }
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        Map<String, Long> before = existedBefore != null ? existedBefore : existing;
        for (String x : unchanged) {
            if (!before.containsKey(x)) {
                landed.put(x, existing.get(x)); // created by an attempt whose answer was lost, and complete already
            }
        }
        for (String x : landed.keySet()) {
            (before.containsKey(x) ? updated : created).add(x);
        }
        if (!failed.isEmpty()) {
            List<FailedRow> rows = new ArrayList<>();
            for (StepTable.Record r : records) {
                if (failed.containsKey(r.xid())) {
                    rows.add(new FailedRow(r.xid(), r.rows(), failed.get(r.xid())));
                }
            }
            listener.rowsFailed(step.id(), table.header(), rows);
        }
        return new BatchOutcome(batch, failed.isEmpty() ? StepStatus.DONE : StepStatus.FAILED, landed, created, updated,
                failed, false, note);
    }

    /** Rows as Odoo gets them: {@code res_id/id} resolved to {@code res_id}, datetimes moved to UTC. */
    private record Prepared(List<String> header, List<StepTable.Record> records) {
    }

    private Prepared prepare(String model, StepTable table, List<StepTable.Record> records, Map<String, String> failed) {
        List<String> header = new ArrayList<>(table.header());
        int resCol = header.indexOf("res_id/id");
        Map<String, RecordRef> targets = Map.of();
        if (resCol >= 0) {
            header.set(resCol, "res_id");
            Set<String> xs = new LinkedHashSet<>();
            for (StepTable.Record r : records) {
                if (!r.main().get(resCol).isEmpty()) {
                    xs.add(r.main().get(resCol));
                }
            }
            targets = client.lookupExternalIds(xs);
        }
        List<Integer> userCols = new ArrayList<>();
        for (int c = 1; c < header.size(); c++) {
            String h = header.get(c);
            Map<String, Object> def = h.endsWith("/.id") ? fields(model).get(h.substring(0, h.length() - 4)) : null;
            if (def != null && "res.users".equals(def.get("relation"))) {
                userCols.add(c);
            }
        }
        if (!userCols.isEmpty()) {
            users();
        }
        ZoneId tz = zone();
        List<Integer> datetimeCols = new ArrayList<>();
        if (tz != null) {
            Map<String, Map<String, Object>> f = fields(model);
            for (int c = 1; c < header.size(); c++) {
                Map<String, Object> def = f.get(header.get(c));
                if (def != null && "datetime".equals(def.get("type"))) {
                    datetimeCols.add(c);
                }
            }
        }
        List<StepTable.Record> out = new ArrayList<>();
        for (StepTable.Record r : records) {
            List<List<String>> rows = new ArrayList<>();
            boolean bad = false;
            for (int i = 0; i < r.rows().size(); i++) {
                List<String> row = new ArrayList<>(r.rows().get(i));
                if (i == 0 && resCol >= 0 && !row.get(resCol).isEmpty()) {
                    RecordRef ref = targets.get(row.get(resCol));
                    if (ref == null) {
                        failed.put(r.xid(), "No matching record found for external id '" + row.get(resCol)
                                + "' in field 'res_id'");
                        bad = true;
                    } else {
                        row.set(resCol, Long.toString(ref.id()));
                    }
                }
                for (int c : datetimeCols) {
                    row.set(c, toUtc(row.get(c), tz));
                }
                for (int c : userCols) {
                    row.set(c, users.remap(row.get(c)));
                }
                rows.add(row);
            }
            if (!bad) {
                out.add(new StepTable.Record(r.xid(), rows, r.line()));
            }
        }
        return new Prepared(header, out);
    }

    /** The plan's time zone, or null when it names none. */
    public ZoneId zone() {
        String tz = plan.context().get("tz");
        return tz == null || tz.isBlank() ? null : ZoneId.of(tz);
    }

    /** A plan datetime ({@code yyyy-MM-dd HH:mm:ss} in the plan's zone) as Odoo stores it, in UTC. */
    public static String toUtc(String local, ZoneId tz) {
        if (local == null || local.isBlank() || tz == null) {
            return local;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(local.strip().replace('T', ' '), DATETIME);
            return t.atZone(tz).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().format(DATETIME);
        } catch (DateTimeParseException e) {
            return local;
        }
    }

    /**
     * Splits a batch into the calls Odoo must get. Odoo's {@code load} turns an empty cell into False, which on a
     * field with a default (active, salesperson, type), a computed one (a lead's probability) or a required one
     * is not "unset" but a value that archives, overrides, clears or is refused. So records leaving such a field
     * empty go in a call without that column, and get Odoo's default or computed value on create and keep their
     * value on update. A record that refers to another record
     * of the same batch (a parent) goes in a later call than it, since a reference may only point backwards.
     */
    private List<Prepared> parts(String model, Prepared batch) {
        List<String> header = batch.header();
        Map<String, Map<String, Object>> defs = fields(model);
        List<Integer> omittable = omittable(model, header);
        List<Integer> selfRefs = new ArrayList<>();
        for (int c = 1; c < header.size(); c++) {
            String h = header.get(c);
            String base = h.contains("/") ? h.substring(0, h.indexOf('/')) : h;
            Map<String, Object> def = defs.get(base);
            if (def != null && h.equals(base + "/id") && model.equals(def.get("relation"))) {
                selfRefs.add(c);
            }
        }
        Map<String, Integer> level = new HashMap<>();
        Map<String, List<StepTable.Record>> groups = new LinkedHashMap<>();
        Map<String, List<Integer>> dropped = new HashMap<>();
        for (StepTable.Record r : batch.records()) {
            int lv = 0;
            for (int c : selfRefs) {
                for (String x : r.main().get(c).split(",")) {
                    lv = Math.max(lv, level.getOrDefault(x.strip(), -1) + 1);
                }
            }
            level.put(r.xid(), lv);
            List<Integer> empty = new ArrayList<>();
            for (int c : omittable) {
                if (r.main().get(c).isEmpty()) {
                    empty.add(c);
                }
            }
            String key = String.format("%06d %s", lv, empty);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            dropped.put(key, empty);
        }
        if (groups.size() == 1 && dropped.values().iterator().next().isEmpty()) {
            return List.of(batch);
        }
        // Calls in plan order, except that a deeper level waits for the ones above it; keys start with the level.
        List<String> keys = new ArrayList<>(groups.keySet());
        keys.sort(java.util.Comparator.comparing(k -> k.substring(0, 6)));
        List<Prepared> out = new ArrayList<>();
        for (String key : keys) {
            out.add(without(batch, groups.get(key), dropped.get(key)));
        }
        return out;
    }

    /** Columns of fields Odoo replaces when other fields are in the same call (the catalog's overrides). */
    private List<Integer> afterColumns(String model, List<String> header) {
        Set<String> after = methods.writtenAfter(model);
        List<Integer> out = new ArrayList<>();
        for (int c = 1; c < header.size(); c++) {
            if (after.contains(header.get(c))) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Writes the cells of {@code columns} on the records that landed, in calls of their own after the load (grouped
     * by value), so Odoo keeps them; an empty cell leaves Odoo's value. A refused write fails its records.
     */
    private void writeAfter(String model, Prepared batch, List<Integer> columns, Map<String, Long> landed,
                            Map<String, String> failed) {
        if (columns.isEmpty()) {
            return;
        }
        Map<Map<String, Object>, List<String>> byValues = new LinkedHashMap<>();
        for (StepTable.Record r : batch.records()) {
            Map<String, Object> vals = new LinkedHashMap<>();
            for (int c : columns) {
                if (!r.main().get(c).isEmpty()) {
                    vals.put(batch.header().get(c), r.main().get(c));
                }
            }
            if (!vals.isEmpty() && landed.containsKey(r.xid())) {
                byValues.computeIfAbsent(vals, k -> new ArrayList<>()).add(r.xid());
            }
        }
        byValues.forEach((vals, xids) -> {
            try {
                client.write(model, xids.stream().map(landed::get).toList(), vals, context());
            } catch (OdooFault f) {
                for (String x : xids) {
                    landed.remove(x);
                    failed.put(x, "loaded, but writing " + vals.keySet() + " after it failed: " + f.summary());
                }
            }
        });
    }

    /**
     * Columns whose empty cells the writer leaves out of the call, because {@code load} would store False over a
     * required, defaulted or computed field: on create Odoo fills them, on update they keep their value.
     */
    private List<Integer> omittable(String model, List<String> header) {
        Map<String, Map<String, Object>> defs = fields(model);
        Map<String, Object> defaults = defaults(model, header);
        List<Integer> out = new ArrayList<>();
        for (int c = 1; c < header.size(); c++) {
            String h = header.get(c);
            String base = h.contains("/") ? h.substring(0, h.indexOf('/')) : h;
            Map<String, Object> def = defs.get(base);
            if (def == null || "one2many".equals(def.get("type"))) {
                continue;
            }
            boolean sub = h.contains("/") && !h.endsWith("/id") && !h.endsWith("/.id");
            boolean computed = def.get("depends") instanceof List<?> d && !d.isEmpty();
            if (!sub && (Boolean.TRUE.equals(def.get("required")) || defaults.containsKey(base) || computed)) {
                out.add(c);
            }
        }
        return out;
    }

    private static Prepared without(Prepared batch, List<StepTable.Record> records, List<Integer> columns) {
        if (columns.isEmpty()) {
            return new Prepared(batch.header(), records);
        }
        Set<Integer> drop = Set.copyOf(columns);
        List<String> header = new ArrayList<>();
        for (int c = 0; c < batch.header().size(); c++) {
            if (!drop.contains(c)) {
                header.add(batch.header().get(c));
            }
        }
        List<StepTable.Record> out = new ArrayList<>();
        for (StepTable.Record r : records) {
            List<List<String>> rows = new ArrayList<>();
            for (List<String> row : r.rows()) {
                List<String> kept = new ArrayList<>();
                for (int c = 0; c < row.size(); c++) {
                    if (!drop.contains(c)) {
                        kept.add(row.get(c));
                    }
                }
                rows.add(kept);
            }
            out.add(new StepTable.Record(r.xid(), rows, r.line()));
        }
        return new Prepared(header, out);
    }

    /** Fields of {@code header} that have a default on the server ({@code default_get}), asked once per column set. */
    private Map<String, Object> defaults(String model, List<String> header) {
        Set<String> names = new java.util.TreeSet<>();
        for (String h : header.subList(1, header.size())) {
            names.add(h.contains("/") ? h.substring(0, h.indexOf('/')) : h);
        }
        names.retainAll(fields(model).keySet());
        return defaultsCache.computeIfAbsent(model + " " + names, k -> {
            Object answer = client.executeOnModel(methods.of(model, "default_get"), model, "default_get",
                    List.of(List.copyOf(names)), Map.of());
            Map<String, Object> out = new HashMap<>();
            if (answer instanceof Map<?, ?> map) {
                map.forEach((f, v) -> {
                    if (v != null && !Boolean.FALSE.equals(v)) {
                        out.put(String.valueOf(f), v);
                    }
                });
            }
            return out;
        });
    }

    /**
     * Loads records; when Odoo refuses the call, drops the records its messages name and retries the rest, or
     * bisects when the messages name none, so every good record lands and each bad one gets its own message.
     */
    private void send(String model, List<String> header, List<StepTable.Record> records, Map<String, Long> landed,
                      Map<String, String> failed) {
        if (records.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (StepTable.Record r : records) {
            rows.addAll(r.rows());
        }
        LoadResult result;
        try {
            result = client.load(model, header, rows, context());
        } catch (OdooFault f) {
            // A fault is not about one row (those come back as messages): every record of the call failed.
            for (StepTable.Record r : records) {
                failed.put(r.xid(), "Odoo fault: " + f.summary());
            }
            return;
        }
        if (result.saved()) {
            List<Long> ids = result.ids();
            for (int i = 0; i < records.size() && i < ids.size(); i++) {
                landed.put(records.get(i).xid(), ids.get(i));
            }
            if (ids.size() < records.size()) {
                // The server stopped early (its _import_limit, answered as nextrow): send the rest.
                send(model, header, records.subList(ids.size(), records.size()), landed, failed);
            }
            return;
        }
        Map<Integer, String> named = new LinkedHashMap<>();
        for (LoadResult.Message m : result.messages()) {
            if (m.isError() && m.record() >= 0 && m.record() < records.size()) {
                named.merge(m.record(), m.message(), (a, b) -> a + "; " + b);
            }
        }
        if (records.size() == 1) {
            String msg = !named.isEmpty() ? named.values().iterator().next() : messagesText(result);
            failed.put(records.get(0).xid(), msg);
            return;
        }
        if (!named.isEmpty() && named.size() < records.size()) {
            List<StepTable.Record> rest = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                if (named.containsKey(i)) {
                    failed.put(records.get(i).xid(), named.get(i));
                } else {
                    rest.add(records.get(i));
                }
            }
            send(model, header, rest, landed, failed);
            return;
        }
        int mid = records.size() / 2;
        send(model, header, records.subList(0, mid), landed, failed);
        send(model, header, records.subList(mid, records.size()), landed, failed);
    }

    private static String messagesText(LoadResult r) {
        if (r == null || r.messages().isEmpty()) {
            return "Odoo refused the row without a message";
        }
        return String.join("; ", r.messages().stream().map(LoadResult.Message::message).toList());
    }

    /** Current values of the fields a batch writes, for the records that exist; what rollback restores. */
    /** Current values of the fields a batch writes, by database id, for the records that exist. */
    private Map<Long, Map<String, Object>> current(String model, StepTable table, Map<String, Long> existing) {
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        List<String> names = table.writtenFields().stream().filter(fields(model)::containsKey).toList();
        if (existing.isEmpty() || names.isEmpty()) {
            return byId;
        }
        for (Map<String, Object> row : client.read(model, existing.values(), names)) {
            byId.put((Long) row.get("id"), row);
        }
        return byId;
    }

    /** What rollback restores: the current values, as {@code write} takes them back, per existing external id. */
    private Map<String, Map<String, Object>> oldValues(String model, StepTable table, Map<String, Long> existing,
                                                      Map<Long, Map<String, Object>> current) {
        Map<String, Map<String, Object>> defs = fields(model);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        existing.forEach((x, id) -> {
            Map<String, Object> row = current.get(id);
            Map<String, Object> vals = new LinkedHashMap<>();
            if (row != null) {
                for (String f : table.writtenFields()) {
                    if (defs.containsKey(f)) {
                        vals.put(f, writable(row.get(f), defs.get(f)));
                    }
                }
            }
            out.put(x, vals);
        });
        return out;
    }

    /**
     * Records of the batch that exist and that a load would leave as they are: every cell means what Odoo holds, and
     * every empty cell is one the writer leaves out or one Odoo holds empty too. A no-op write is not harmless in
     * Odoo (totals recomputed and tracked with float noise, an exception activity on the picking of a confirmed order
     * whose delivery address is written again), so a reload of an unchanged plan writes nothing. Records with
     * one2many lines are always sent: their lines are not compared.
     */
    private Set<String> unchanged(String model, StepTable table, List<StepTable.Record> records,
                                  Map<String, Long> existing, Map<Long, Map<String, Object>> current) {
        Set<String> out = new java.util.HashSet<>();
        if (current.isEmpty()) {
            return out;
        }
        List<String> header = table.header();
        Set<String> refs = new LinkedHashSet<>();
        int resCol = header.indexOf("res_id/id");
        for (StepTable.Record r : records) {
            if (existing.containsKey(r.xid())) {
                refs.addAll(table.references(r));
                if (resCol >= 0 && !r.main().get(resCol).isEmpty()) {
                    refs.add(r.main().get(resCol));
                }
            }
        }
        Map<String, RecordRef> resolved = refs.isEmpty() ? Map.of() : client.lookupExternalIds(refs);
        Set<Integer> omitted = new java.util.HashSet<>(omittable(model, header));
        omitted.addAll(afterColumns(model, header)); // an empty one is not written, so Odoo's value stands
        for (StepTable.Record r : records) {
            Map<String, Object> row = existing.containsKey(r.xid()) ? current.get(existing.get(r.xid())) : null;
            if (row != null && r.rows().size() == 1 && holds(model, r.xid(), header, r.main(), row, omitted, resolved)) {
                out.add(r.xid());
            }
        }
        return out;
    }

    /**
     * Fields a plan's call steps change on their records ({@code model xid} → fields of the steps' contracts, e.g.
     * a confirmed order's state and date): what the load wrote there is not what Odoo holds afterwards, by design.
     */
    public static Map<String, Set<String>> changedByCalls(Plan plan, Path planDir) {
        Map<String, Set<String>> out = new HashMap<>();
        for (PlanStep step : plan.steps()) {
            if (step instanceof PlanStep.CallStep call && !call.contract().changes().isEmpty()) {
                for (StepTable.Record r : StepTable.read(planDir.resolve(step.file())).records()) {
                    out.computeIfAbsent(step.model() + " " + r.xid(), k -> new java.util.HashSet<>())
                            .addAll(call.contract().changes());
                }
            }
        }
        return out;
    }

    /** Whether Odoo's record {@code row} already holds every cell of a plan row (what calls change aside). */
    private boolean holds(String model, String xid, List<String> header, List<String> cells, Map<String, Object> row,
                          Set<Integer> omitted, Map<String, RecordRef> resolved) {
        Map<String, Map<String, Object>> defs = fields(model);
        if (changedByCalls == null) {
            changedByCalls = changedByCalls(plan, planDir);
        }
        Set<String> called = changedByCalls.getOrDefault(model + " " + xid, Set.of());
        for (int c = 1; c < header.size(); c++) {
            String h = header.get(c);
            String cell = cells.get(c);
            String base = h.contains("/") ? h.substring(0, h.indexOf('/')) : h;
            if (called.contains(base)) {
                continue;
            }
            Map<String, Object> def = defs.get(base);
            if (def == null || !row.containsKey(base)) {
                return false;
            }
            String type = String.valueOf(def.get("type"));
            String rest = h.substring(base.length());
            Object odoo = row.get(base);
            if (cell.isEmpty()) {
                if (!omitted.contains(c) && !SameValue.empty(type, odoo)) {
                    return false;
                }
            } else if ("one2many".equals(type) || !rest.isEmpty() && !rest.equals("/id") && !rest.equals("/.id")) {
                return false;
            } else if (h.equals("res_id/id")) {
                RecordRef target = resolved.get(cell);
                if (target == null || !(odoo instanceof Number n) || n.longValue() != target.id()) {
                    return false;
                }
            } else if (!rest.isEmpty()) {
                Set<Long> want = new java.util.TreeSet<>();
                String ids = rest.equals("/.id") && "res.users".equals(def.get("relation")) ? users().remap(cell) : cell;
                for (String part : ids.split(",")) {
                    String x = part.strip();
                    if (rest.equals("/.id")) {
                        want.add(Long.parseLong(x));
                    } else if (resolved.containsKey(x)) {
                        want.add(resolved.get(x).id());
                    } else {
                        return false;
                    }
                }
                if (!want.equals(SameValue.ids(odoo, type))) {
                    return false;
                }
            } else if (!SameValue.same(type, cell, odoo, zone())) {
                return false;
            }
        }
        return true;
    }

    private UserMatch users() {
        if (users == null) {
            users = UserMatch.resolve(client, planDir);
        }
        return users;
    }

    /** A value as read, turned into what {@code write} takes back: many2one id, x2many id list. */
    static Object writable(Object v, Map<String, Object> def) {
        String type = def == null ? "" : String.valueOf(def.get("type"));
        if ("many2one".equals(type)) {
            return v instanceof List<?> l && !l.isEmpty() ? l.get(0) : false;
        }
        return v == null ? false : v;
    }

    /** The live field definitions of a model (type, relation), read once. */
    public Map<String, Map<String, Object>> fields(String model) {
        return fieldsCache.computeIfAbsent(model, m -> client.fieldsGet(m, List.of("type", "relation", "required", "depends")));
    }
}
