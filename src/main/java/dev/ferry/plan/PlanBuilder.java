package dev.ferry.plan;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.catalog.OdooField;
import dev.ferry.catalog.OdooModel;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.Origin;
import dev.ferry.rules.facts.Output;
import dev.ferry.rules.facts.Ref;
import dev.ferry.rules.facts.TargetRecord;
import dev.ferry.source.KeyHash;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the stream of target records into plan steps: validates each against the target catalog, spools its
 * row to disk in Odoo's import format, and keeps only keys in memory (external ids, references still to be
 * resolved, self-reference parents). {@link #finish} checks references, orders steps and rows, and writes
 * the step CSVs.
 */
final class PlanBuilder {
    /** Models whose records must exist before data: created first, in this order. */
    static final List<String> SCHEMA_MODELS = List.of("ir.model.fields", "res.currency", "res.partner.category",
            "crm.tag", "crm.team", "crm.stage", "crm.lost.reason", "mail.activity.type", "project.tags",
            "project.project.stage", "project.task.type", "product.category", "maintenance.equipment.category",
            "res.partner.industry");
    /**
     * Required fields Odoo fills itself when a row leaves them out. fields_get does not say which required
     * fields have defaults; these are the ones every Odoo version defaults (owner, company, currency, aliases).
     */
    private static final Set<String> DEFAULTED = Set.of("user_id", "company_id", "currency_id", "alias_id",
            // account.tax takes the company's fiscal country and a tax group of that country (17: defaults; 18-19: computes).
            "account.tax.country_id", "account.tax.tax_group_id");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final CSVFormat SPOOL = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final OdooCatalog catalog;
    private final Findings findings;
    private final Path workDir;
    private final Map<String, StepData> steps = new LinkedHashMap<>();
    /** External id hash → model index (high 32 bits) and content hash (low 32 bits). */
    private final LongLongHashMap xids = new LongLongHashMap();
    private final List<String> modelNames = new ArrayList<>();
    /**
     * References to external ids that no step had created yet, one entry per forward reference (most name records
     * Odoo ships, such as base.ca): spooled to disk, read back once by {@link #finish}.
     */
    private final Spool.Writer pending;
    private final Map<String, Map<String, OdooField>> customFields = new HashMap<>();
    private final Map<String, List<Output.Call>> calls = new LinkedHashMap<>();
    private final Path exportDir;

    private final Map<String, Integer> modelIds = new HashMap<>();

    private long pack(String model, int hash) {
        int i = modelIds.computeIfAbsent(model, m -> {
            modelNames.add(m);
            return modelNames.size() - 1;
        });
        return ((long) i << 32) | (hash & 0xffffffffL);
    }

    /** The model that creates the external id with this {@link KeyHash}, or null when no step does (yet). */
    private String modelOf(long xidHash) {
        int slot = xids.indexOf(xidHash);
        return xids.indexExists(slot) ? modelNames.get((int) (xids.indexGet(slot) >>> 32)) : null;
    }

    /** Accumulated state of one model's step; rows live in a spool file, not in memory. */
    private final class StepData {
        final String model;
        /** Every column a spooled row uses, in header order. */
        final Set<String> columns = new TreeSet<>();
        /** Models this step references; only ever sorted or copied, so a hash set. */
        final Set<String> dependsOn = new java.util.HashSet<>();
        final LongObjectHashMap<long[]> parents = new LongObjectHashMap<>();
        final Path spool;
        final Spool.Writer out;
        /** The step's provenance rows, already as CSV: their columns are fixed, so they need no second pass. */
        final Path provenanceSpool;
        final CsvWriter provenance;
        final Map<String, Integer> columnIds = new HashMap<>();
        final List<String> columnNames = new ArrayList<>();
        int rows;

        StepData(String model) throws IOException {
            this.model = model;
            this.spool = workDir.resolve(model + ".spool");
            this.out = new Spool.Writer(spool);
            this.provenanceSpool = workDir.resolve(model + ".prov.csv");
            this.provenance = new CsvWriter(provenanceSpool);
        }

        int columnId(String column) {
            Integer id = columnIds.get(column);
            if (id == null) {
                id = columnNames.size();
                columnNames.add(column);
                columnIds.put(column, id);
                columns.add(column);
            }
            return id;
        }
    }

    /** Position of a schema model in creation order; data models sort after all of them. */
    static int schemaRank(String model) {
        return SCHEMA_RANK.getOrDefault(model, SCHEMA_MODELS.size());
    }

    private static final Map<String, Integer> SCHEMA_RANK = ranks(SCHEMA_MODELS);

    private static Map<String, Integer> ranks(List<String> models) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < models.size(); i++) {
            m.put(models.get(i), i);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    PlanBuilder(OdooCatalog catalog, Findings findings, Path workDir, Path exportDir) throws IOException {
        this.exportDir = exportDir;
        this.catalog = catalog;
        this.findings = findings;
        this.workDir = workDir;
        this.pending = new Spool.Writer(workDir.resolve("pending.refs"));
    }

    void acceptCall(Output.Call call) {
        calls.computeIfAbsent(call.model() + "\u0000" + call.method(), k -> new ArrayList<>()).add(call);
    }

    /**
     * Recently accepted records, by a slot of their external id's hash. Rules emit the same small records again
     * and again (each tag once per record that carries it, two million times in a 1M-record export); a repeat of
     * an accepted record with the same model and values would get the same validation and content hash, and be
     * dropped, so it is dropped here without redoing either. Only records whose acceptance added no finding and
     * that have no lines or files are kept here.
     */
    private final TargetRecord[] recent = new TargetRecord[1024];

    void accept(TargetRecord t) {
        OdooModel model = catalog.model(t.getModel());
        Origin origin = t.origin();
        String rule = t.firstRuleLabel();
        if (model == null) {
            findings.add(Finding.error(FindingCode.PLAN_001, origin, t.getModel(),
                    "a model of the Odoo " + catalog.version() + " catalog").withRule(rule));
            return;
        }
        if (t.getXid() == null) {
            findings.add(Finding.error(FindingCode.PLAN_004, origin.withField("id"), null,
                    "an external id for every " + t.getModel() + " record").withRule(rule));
            return;
        }
        long key = KeyHash.of(t.getXid());
        int slot = (int) key & (recent.length - 1);
        TargetRecord seen = recent[slot];
        if (seen != null && t.lines().isEmpty() && seen.getXid().equals(t.getXid())
                && seen.getModel().equals(t.getModel()) && seen.values().equals(t.values())) {
            return;
        }
        List<List<String>> spoolRows = new ArrayList<>();
        List<String> main = new ArrayList<>();
        main.add(t.getXid());
        main.add("R");
        boolean ok = cells(model, t, "", main, origin, rule);
        spoolRows.add(main);
        for (var e : t.lines().entrySet()) {
            OdooField f = field(model, e.getKey());
            if (f == null || !"one2many".equals(f.type())) {
                findings.add(Finding.error(FindingCode.PLAN_002, origin.withField(e.getKey()), e.getKey(),
                        "a one2many field of " + model.name()).withRule(rule));
                ok = false;
                continue;
            }
            OdooModel lineModel = catalog.model(f.relation());
            for (TargetRecord line : e.getValue()) {
                List<String> cells = new ArrayList<>();
                cells.add("");
                cells.add("L");
                if (line.getXid() != null) {
                    cells.add(e.getKey() + "/id");
                    cells.add(line.getXid());
                }
                ok &= lineModel != null && cells(lineModel, line, e.getKey() + "/", cells, origin, rule);
                spoolRows.add(cells);
            }
        }
        if (!ok) {
            return;
        }
        boolean complete = checkRequired(model, t, origin, rule);
        int hash = spoolRows.hashCode();
        long packed = pack(model.name(), hash);
        int index = xids.indexOf(key);
        if (xids.indexExists(index)) {
            if (xids.indexGet(index) != packed) {
                findings.add(Finding.error(FindingCode.PLAN_008, origin.withField("id"), t.getXid(),
                        "one set of values per external id; another rule or record gave " + modelOf(key)
                                + " " + t.getXid() + " different values").withRule(rule));
            }
            return;
        }
        xids.indexInsert(index, key, packed);
        StepData step = step(model.name());
        collectRefs(step, model, t, key, origin, rule);
        try {
            for (List<String> r : spoolRows) {
                // Spool row: kind (R record, L one2many line), first cell, then (column id, value) pairs.
                step.out.writeByte(r.get(1).charAt(0));
                step.out.writeString(r.get(0));
                step.out.writeInt((r.size() - 2) / 2);
                for (int i = 2; i + 1 < r.size(); i += 2) {
                    step.out.writeInt(step.columnId(r.get(i)));
                    step.out.writeString(r.get(i + 1));
                }
            }
            step.provenance.row(t.getXid(), model.name(), t.getSourceKey() == null ? "" : t.getSourceKey(),
                    origin.position(), t.rulesText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        step.rows++;
        if (model.name().equals("ir.model.fields")) {
            registerCustomField(t);
        }
        if (complete && t.lines().isEmpty() && !hasFile(t)) {
            recent[slot] = t;
        }
    }

    private static boolean hasFile(TargetRecord t) {
        for (Object v : t.values().values()) {
            if (v instanceof Ref.File) {
                return true;
            }
        }
        return false;
    }

    private StepData step(String model) {
        return steps.computeIfAbsent(model, m -> {
            try {
                return new StepData(m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Custom fields created by the plan's schema step are valid targets for the data steps that follow. */
    private void registerCustomField(TargetRecord t) {
        Object model = t.get("model");
        Object name = t.get("name");
        Object ttype = t.get("ttype");
        if (model != null && name != null && ttype != null) {
            Object relation = t.get("relation");
            customFields.computeIfAbsent(model.toString(), k -> new HashMap<>()).put(name.toString(),
                    new OdooField(name.toString(), ttype.toString(), String.valueOf(t.get("field_description")), false,
                            false, true, relation == null ? null : relation.toString(), List.of()));
        }
    }

    /** Fields by model in hash maps: looked up for every value of every record. */
    private final Map<String, Map<String, OdooField>> fieldIndex = new HashMap<>();

    private OdooField field(OdooModel model, String name) {
        OdooField f = fieldIndex.computeIfAbsent(model.name(), m -> new HashMap<>(model.fields())).get(name);
        if (f == null) {
            f = customFields.getOrDefault(model.name(), Map.of()).get(name);
        }
        return f;
    }

    private final Map<String, List<OdooField>> requiredByModel = new HashMap<>();
    private final java.util.Set<String> readonlyWarned = new java.util.HashSet<>();

    /** Required fields a row must fill itself: those Odoo does not default (see {@link #DEFAULTED}). */
    private List<OdooField> mustFill(OdooModel model) {
        return requiredByModel.computeIfAbsent(model.name(), m -> model.fields().values().stream()
                .filter(f -> f.required() && f.stored() && !DEFAULTED.contains(f.name())
                        && !DEFAULTED.contains(model.name() + "." + f.name()) && !f.name().startsWith("alias_")
                        && !"selection".equals(f.type()) && !"boolean".equals(f.type()) && !f.isToMany())
                .toList());
    }

    /** Reports required fields the record leaves empty; true when there are none. */
    private boolean checkRequired(OdooModel model, TargetRecord t, Origin origin, String rule) {
        boolean complete = true;
        for (OdooField f : mustFill(model)) {
            if (t.get(f.name()) == null) {
                complete = false;
                findings.add(Finding.error(FindingCode.PLAN_004, origin.withField(f.name()), null,
                        model.name() + " " + t.getXid() + " has no value for required field " + f.name()
                                + " ('" + f.label() + "')").withRule(rule));
            }
        }
        return complete;
    }

    private boolean cells(OdooModel model, TargetRecord t, String prefix, List<String> out, Origin origin,
                          String rule) {
        boolean ok = true;
        for (var e : t.values().entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            OdooField f = field(model, name);
            if (f == null) {
                findings.add(Finding.error(FindingCode.PLAN_002, origin.withField(prefix + name), name,
                        "a field of " + model.name() + " in Odoo " + catalog.version()).withRule(rule));
                ok = false;
                continue;
            }
            if (!f.stored() && f.readonly()) {
                findings.add(Finding.error(FindingCode.PLAN_009, origin.withField(prefix + name), name,
                        "a writable field; " + model.name() + "." + name + " is computed").withRule(rule));
                ok = false;
                continue;
            }
            if (f.readonly() && readonlyWarned.add(model.name() + "." + name)) {
                findings.add(Finding.warning(FindingCode.PLAN_009, origin.withField(prefix + name), name,
                        "a field the Odoo form lets users edit; " + model.name() + "." + name
                                + " is read-only there and Odoo may recompute it").withRule(rule));
            }
            String problem = typeProblem(f, v);
            if (problem != null) {
                FindingCode code = "selection".equals(f.type()) && v instanceof String ? FindingCode.PLAN_005
                        : FindingCode.PLAN_003;
                findings.add(Finding.error(code, origin.withField(prefix + name), String.valueOf(v), problem)
                        .withRule(rule));
                ok = false;
                continue;
            }
            String column = prefix.isEmpty() ? column(name, v) : prefix + column(name, v);
            String text = v instanceof Ref.File file ? fileContent(file, origin.withField(prefix + name)) : cell(v);
            out.add(column);
            out.add(text);
        }
        return ok;
    }

    private String fileContent(Ref.File file, Origin origin) {
        Path p = exportDir.resolve(file.path()).normalize();
        if (!p.startsWith(exportDir.normalize()) || !Files.isRegularFile(p)) {
            findings.add(Finding.warning(FindingCode.SRC_001, origin, file.path(),
                    "a file inside the export folder; the field is left empty"));
            return "";
        }
        try {
            return java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Map<String, String> xidColumns = new HashMap<>();
    private final Map<String, String> dbIdColumns = new HashMap<>();

    private String column(String field, Object v) {
        if (v instanceof Ref.Xid || v instanceof Ref.Xids || v instanceof Ref.ResXid) {
            return xidColumns.computeIfAbsent(field, f -> f + "/id");
        }
        if (v instanceof Ref.DbId) {
            return dbIdColumns.computeIfAbsent(field, f -> f + "/.id");
        }
        return field;
    }

    static String cell(Object v) {
        if (v == TargetRecord.EMPTY || v == null) {
            return "";
        }
        if (v instanceof Ref.Xid x) {
            return x.xid();
        }
        if (v instanceof Ref.Xids x) {
            return String.join(",", x.xids());
        }
        if (v instanceof Ref.ResXid x) {
            return x.xid();
        }
        if (v instanceof Ref.DbId d) {
            return Long.toString(d.id());
        }
        if (v instanceof Ref.Name n) {
            return n.name();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof LocalDateTime dt) {
            return datetime(dt);
        }
        return v.toString();
    }

    /** {@link #DATETIME} without the formatter's cost, for the years it pads to four digits. */
    static String datetime(LocalDateTime dt) {
        int year = dt.getYear();
        if (year < 1 || year > 9999) {
            return dt.format(DATETIME);
        }
        char[] c = new char[19];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, dt.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, dt.getDayOfMonth(), 2);
        c[10] = ' ';
        digits(c, 11, dt.getHour(), 2);
        c[13] = ':';
        digits(c, 14, dt.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, dt.getSecond(), 2);
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private String typeProblem(OdooField f, Object v) {
        if (v == TargetRecord.EMPTY) {
            return null;
        }
        String type = f.type();
        return switch (type) {
            case "char", "text", "html" -> v instanceof String || v instanceof Long || v instanceof Integer
                    || v instanceof BigDecimal ? null : "text for " + type + " field " + f.name();
            case "integer" -> v instanceof Long || v instanceof Integer ? null : "an integer for field " + f.name();
            case "float", "monetary" -> v instanceof BigDecimal || v instanceof Long || v instanceof Integer
                    ? null : "a number for " + type + " field " + f.name();
            case "boolean" -> v instanceof Boolean ? null : "true or false for boolean field " + f.name();
            case "date" -> v instanceof LocalDate ? null : "a date for field " + f.name();
            case "datetime" -> v instanceof LocalDateTime ? null : "a datetime for field " + f.name();
            case "selection" -> v instanceof String s && (f.selection().isEmpty() || f.hasChoice(s)) ? null
                    : "one of " + choices(f) + " for selection field " + f.name() + " ('" + f.label() + "')";
            case "many2one" -> v instanceof Ref.Xid || v instanceof Ref.DbId || v instanceof Ref.Name ? null
                    : "a reference (external id, database id or name) for many2one field " + f.name();
            case "many2many" -> v instanceof Ref.Xids || v instanceof Ref.Xid ? null
                    : "external ids for many2many field " + f.name();
            case "many2one_reference" -> v instanceof Ref.ResXid || v instanceof Long ? null
                    : "a record reference for field " + f.name();
            case "binary" -> v instanceof String || v instanceof Ref.File ? null : "base64 text or a file for binary field " + f.name();
            default -> "a value Ferry can import; " + type + " fields are not supported (field " + f.name() + ")";
        };
    }

    private static String choices(OdooField f) {
        StringBuilder b = new StringBuilder();
        for (OdooField.Choice c : f.selection()) {
            b.append(b.isEmpty() ? "" : ", ").append(c.key());
        }
        return b.toString();
    }

    /** The references of an accepted record, each with the relation its field has in the target catalog. */
    private void collectRefs(StepData step, OdooModel model, TargetRecord t, long fromHash, Origin origin,
                             String rule) {
        for (var e : t.values().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Ref.Xid x) {
                ref(step, t.getXid(), fromHash, e.getKey(), relation(model, e.getKey()), x.xid(), origin, rule);
            } else if (v instanceof Ref.Xids x) {
                Relation relation = relation(model, e.getKey());
                for (String target : x.xids()) {
                    ref(step, t.getXid(), fromHash, e.getKey(), relation, target, origin, rule);
                }
            } else if (v instanceof Ref.ResXid x) {
                // A many2one_reference names its model in another field of the row (res_model): no fixed relation.
                ref(step, t.getXid(), fromHash, e.getKey(), null, x.xid(), origin, rule);
            }
        }
        for (var lines : t.lines().entrySet()) {
            OdooField linesField = field(model, lines.getKey());
            OdooModel lineModel = linesField == null ? null : catalog.model(linesField.relation());
            for (TargetRecord line : lines.getValue()) {
                for (var e : line.values().entrySet()) {
                    if (e.getValue() instanceof Ref.Xid x) {
                        Relation relation = lineModel == null ? null : relation(lineModel, e.getKey());
                        ref(step, t.getXid(), fromHash, e.getKey(), relation, x.xid(), origin, rule);
                    }
                }
            }
        }
    }

    /** What a reference field must point at: a record of {@code model}; {@code field} is {@code owner.field}. */
    private record Relation(String field, String model) {
    }

    /** Relations by model and field, made once: every reference of every record asks. */
    private final Map<String, Map<String, java.util.Optional<Relation>>> relations = new HashMap<>();

    /** The comodel of a relational field, or null when the catalog does not give one. */
    private Relation relation(OdooModel model, String field) {
        return relations.computeIfAbsent(model.name(), m -> new HashMap<>()).computeIfAbsent(field, name -> {
            OdooField f = field(model, name);
            return f == null || f.relation() == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new Relation(model.name() + "." + name, f.relation()));
        }).orElse(null);
    }

    private void ref(StepData step, String fromXid, long fromHash, String field, Relation relation, String target,
                     Origin origin, String rule) {
        long targetHash = KeyHash.of(target);
        String targetModel = modelOf(targetHash);
        if (targetModel == null) {
            try {
                pending.writeString(step.model);
                pending.writeString(fromXid);
                pending.writeString(target);
                pending.writeNullableString(origin.file());
                pending.writeInt(origin.line());
                pending.writeInt(origin.column());
                pending.writeNullableString(origin.recordKey());
                pending.writeString(field);
                pending.writeNullableString(relation == null ? null : relation.field());
                pending.writeNullableString(relation == null ? null : relation.model());
                pending.writeNullableString(rule);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (sameModel(relation, target, targetModel, origin.withField(field), rule)) {
            link(step, fromHash, targetModel, targetHash);
        }
    }

    /**
     * True when a reference's target is a record of the field's relation (or the catalog gives none); else reports
     * it: Odoo would refuse the row at load time, or link an unrelated record that happens to have the id.
     */
    private boolean sameModel(Relation relation, String target, String targetModel, Origin origin, String rule) {
        if (relation == null || relation.model().equals(targetModel)) {
            return true;
        }
        findings.add(Finding.error(FindingCode.PLAN_011, origin, target,
                "a " + relation.model() + " record for " + relation.field() + "; the plan creates " + target
                        + " as a " + targetModel + " record").withRule(rule)
                .withHint("check which source object the rule builds this external id from"));
        return false;
    }

    private void link(StepData step, long child, String targetModel, long target) {
        if (targetModel.equals(step.model)) {
            long[] old = step.parents.get(child);
            long[] now = old == null ? new long[1] : java.util.Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = target;
            step.parents.put(child, now);
        } else {
            step.dependsOn.add(targetModel);
        }
    }

    /** What {@link #finish} produced: ordered steps and the provenance rows. */
    record Built(List<PlanStep> steps) {
    }

    /**
     * Resolves pending references, orders steps and rows, and writes the step CSVs and provenance into
     * {@code planDir}. Returns null when validation found errors (nothing is written then).
     */
    Built finish(Path planDir, String platformPrefix) throws IOException {
        for (StepData s : steps.values()) {
            s.out.close();
            s.provenance.close();
        }
        pending.close();
        Path pendingFile = workDir.resolve("pending.refs");
        try (Spool.Reader r = new Spool.Reader(pendingFile)) {
            for (String fromModel; (fromModel = r.readStringOrNull()) != null; ) {
                String fromXid = r.readString();
                String target = r.readString();
                Origin origin = new Origin(r.readNullableString(), r.readInt(), r.readInt(), r.readNullableString(),
                        r.readString());
                String relationField = r.readNullableString();
                String relationModel = r.readNullableString();
                Relation relation = relationModel == null ? null : new Relation(relationField, relationModel);
                String rule = r.readNullableString();
                long targetHash = KeyHash.of(target);
                String targetModel = modelOf(targetHash);
                if (targetModel != null) {
                    if (sameModel(relation, target, targetModel, origin, rule)) {
                        link(steps.get(fromModel), KeyHash.of(fromXid), targetModel, targetHash);
                    }
                } else if (target.startsWith(platformPrefix)) {
                    findings.add(Finding.error(FindingCode.PLAN_006, origin, target,
                            "an external id that a step of this plan creates").withHint(
                            "the record it names is missing from the export or was not mapped; check the source reference"));
                }
                // Other external ids (base.ca, mail.mail_activity_data_call) name records Odoo ships; preflight checks them.
            }
        }
        Files.deleteIfExists(pendingFile);
        List<String> order = orderModels();
        Map<String, LongIntHashMap> depths = new HashMap<>();
        for (StepData s : steps.values()) {
            depths.put(s.model, depths(s));
        }
        if (findings.hasErrors() || order == null) {
            return null;
        }
        Files.createDirectories(planDir);
        Map<String, String> idOf = new HashMap<>();
        List<PlanStep> result = new ArrayList<>();
        // The files are independent: the provenance (the largest) and the step CSVs are written on two threads.
        List<java.util.concurrent.Callable<Void>> writes = new ArrayList<>();
        writes.add(() -> {
            writeProvenance(planDir.resolve("provenance.csv"), order);
            return null;
        });
        int n = 1;
        for (String model : order) {
            StepData s = steps.get(model);
            StepKind kind = SCHEMA_MODELS.contains(model) ? StepKind.SCHEMA : StepKind.LOAD;
            String id = String.format("%02d-%s-%s", n++, kind.word(), model);
            idOf.put(model, id);
            List<String> deps = s.dependsOn.stream().map(idOf::get).filter(java.util.Objects::nonNull).sorted().toList();
            LongIntHashMap depth = depths.get(model);
            writes.add(() -> {
                writeStep(s, planDir.resolve(id + ".csv"), depth);
                return null;
            });
            result.add(kind == StepKind.SCHEMA ? new PlanStep.SchemaStep(id, model, s.rows, deps)
                    : new PlanStep.LoadStep(id, model, s.rows, deps));
        }
        runAll(writes);
        for (List<Output.Call> group : calls.values()) {
            Output.Call first = group.get(0);
            String id = String.format("%02d-call-%s.%s", n++, first.model(), first.method());
            try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(planDir.resolve(id + ".csv"), StandardCharsets.UTF_8),
                    SPOOL)) {
                p.printRecord("id");
                for (Output.Call c : group) {
                    p.printRecord(c.xid());
                }
            }
            result.add(new PlanStep.CallStep(id, first.model(), first.method(), group.size(),
                    callDependencies(first.model(), idOf), contract(first.spec())));
        }
        return new Built(result);
    }

    /**
     * The steps a call on {@code model} waits for: the model's own step and the steps of its parts, i.e. models
     * that reference it through a required many2one (an order's lines), so a call sees each record complete.
     */
    private List<String> callDependencies(String model, Map<String, String> idOf) {
        java.util.TreeSet<String> deps = new java.util.TreeSet<>();
        if (idOf.containsKey(model)) {
            deps.add(idOf.get(model));
        }
        for (StepData s : steps.values()) {
            OdooModel m = catalog.model(s.model);
            if (m == null || !s.dependsOn.contains(model) || !idOf.containsKey(s.model)) {
                continue;
            }
            boolean part = m.fields().values().stream().anyMatch(f -> f.required() && "many2one".equals(f.type())
                    && model.equals(f.relation()) && s.columns.contains(f.name() + "/id"));
            if (part) {
                deps.add(idOf.get(s.model));
            }
        }
        return List.copyOf(deps);
    }

    private static PlanStep.CallContract contract(dev.ferry.rules.facts.CallSpec spec) {
        return new PlanStep.CallContract(spec.when(), spec.changes(), spec.context(), spec.undo(), spec.undoContext());
    }

    /** Runs the tasks on two threads and waits for all; the first failure is rethrown as it was. */
    private static void runAll(List<java.util.concurrent.Callable<Void>> tasks) throws IOException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ferry-write");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Void>> done = new ArrayList<>();
            for (var task : tasks) {
                done.add(pool.submit(task));
            }
            for (var f : done) {
                try {
                    Pipeline.rethrow(f);
                } catch (IllegalStateException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Schema models first in their fixed order, then data models so that referenced models come first. */
    private List<String> orderModels() {
        List<String> order = new ArrayList<>();
        for (String m : SCHEMA_MODELS) {
            if (steps.containsKey(m)) {
                order.add(m);
            }
        }
        Map<String, Set<String>> remaining = new TreeMap<>();
        for (StepData s : steps.values()) {
            if (!order.contains(s.model)) {
                Set<String> deps = new TreeSet<>(s.dependsOn);
                deps.removeAll(order);
                deps.retainAll(steps.keySet());
                remaining.put(s.model, deps);
            }
        }
        while (!remaining.isEmpty()) {
            String next = null;
            for (var e : remaining.entrySet()) {
                if (e.getValue().isEmpty()) {
                    next = e.getKey();
                    break;
                }
            }
            if (next == null) {
                findings.add(Finding.error(FindingCode.PLAN_007, Origin.NONE, String.join(" → ", remaining.keySet()),
                        "models whose records do not reference each other in a circle")
                        .withHint("break the cycle in the rules: load one side first and link it in a later step"));
                return null;
            }
            remaining.remove(next);
            order.add(next);
            for (Set<String> deps : remaining.values()) {
                deps.remove(next);
            }
        }
        return order;
    }

    /** Depth of each row in its model's self-reference tree, so parents are written (and loaded) first. */
    private LongIntHashMap depths(StepData s) {
        LongIntHashMap depth = new LongIntHashMap();
        if (s.parents.isEmpty()) {
            return depth;
        }
        com.carrotsearch.hppc.LongHashSet visiting = new com.carrotsearch.hppc.LongHashSet();
        long[] starts = s.parents.keys().toArray();
        java.util.Arrays.sort(starts);
        for (long start : starts) {
            if (depth.containsKey(start)) {
                continue;
            }
            Deque<Long> stack = new ArrayDeque<>();
            stack.push(start);
            visiting.add(start);
            while (!stack.isEmpty()) {
                long x = stack.peek();
                long[] ps = s.parents.getOrDefault(x, new long[0]);
                boolean ready = true;
                for (long p : ps) {
                    if (!depth.containsKey(p) && s.parents.containsKey(p)) {
                        if (!visiting.add(p)) {
                            findings.add(Finding.error(FindingCode.PLAN_007, Origin.NONE, s.model,
                                    "a " + s.model + " hierarchy without cycles; some records are their own ancestors")
                                    .withHint("check the parent references of the records in this step"));
                            return depth;
                        }
                        stack.push(p);
                        ready = false;
                    }
                }
                if (ready) {
                    int d = 0;
                    for (long p : ps) {
                        d = Math.max(d, depth.getOrDefault(p, 0) + 1);
                    }
                    depth.put(x, d);
                    visiting.remove(x);
                    stack.pop();
                }
            }
        }
        return depth;
    }

    /**
     * Writes the step CSV in one pass over the spool: rows at depth 0 go straight out, deeper rows wait in one
     * bucket file per depth and follow in depth order, so every parent precedes its children.
     */
    private void writeStep(StepData s, Path file, LongIntHashMap depth) throws IOException {
        List<String> header = new ArrayList<>();
        header.add("id");
        header.addAll(s.columns);
        int[] position = new int[s.columnNames.size()];
        for (int i = 0; i < position.length; i++) {
            position[i] = header.indexOf(s.columnNames.get(i));
        }
        List<Spool.Writer> buckets = new ArrayList<>();
        List<Path> bucketFiles = new ArrayList<>();
        try (CsvWriter p = new CsvWriter(file)) {
            p.row(header);
            try (Spool.Reader r = new Spool.Reader(s.spool)) {
                int current = 0;
                String[] row = new String[header.size()];
                while (r.readRow(row, position)) {
                    if (r.kind() == 'R') {
                        current = depth.getOrDefault(KeyHash.of(row[0]), 0);
                    }
                    if (current == 0) {
                        p.row(row);
                    } else {
                        while (buckets.size() < current) {
                            Path bf = s.spool.resolveSibling(s.model + ".depth" + (buckets.size() + 1));
                            bucketFiles.add(bf);
                            buckets.add(new Spool.Writer(bf));
                        }
                        Spool.Writer b = buckets.get(current - 1);
                        b.writeByte(r.kind());
                        b.writeInt(row.length);
                        for (String cell : row) {
                            b.writeString(cell);
                        }
                    }
                }
            }
            for (int d = 0; d < buckets.size(); d++) {
                buckets.get(d).close();
                try (Spool.Reader r = new Spool.Reader(bucketFiles.get(d))) {
                    String[] row;
                    while ((row = r.readPlainRow()) != null) {
                        p.row(row);
                    }
                }
                Files.deleteIfExists(bucketFiles.get(d));
            }
        }
        Files.deleteIfExists(s.spool);
    }

    /** The header, then each step's provenance rows in step order, copied as they are. */
    private void writeProvenance(Path file, List<String> order) throws IOException {
        try (CsvWriter p = new CsvWriter(file)) {
            p.row("id", "model", "source", "origin", "rules");
        }
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            for (String model : order) {
                StepData s = steps.get(model);
                Files.copy(s.provenanceSpool, out);
                Files.deleteIfExists(s.provenanceSpool);
            }
        }
    }

    void discard() {
        try {
            pending.close();
            Files.deleteIfExists(workDir.resolve("pending.refs"));
        } catch (IOException ignored) {
            // best effort: the work folder is temporary
        }
        for (StepData s : steps.values()) {
            try {
                s.out.close();
                s.provenance.close();
                Files.deleteIfExists(s.spool);
                Files.deleteIfExists(s.provenanceSpool);
            } catch (IOException ignored) {
                // best effort: the work folder is temporary
            }
        }
    }
}
