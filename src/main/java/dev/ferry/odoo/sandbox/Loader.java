package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooField;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Odoo's {@code BaseModel.load} for one call: column paths ({@code parent_id/id}, {@code .id}, {@code :id}),
 * record spans with one2many continuation rows, Odoo's string converters and their messages, external ids
 * (unprefixed ones under {@code __import__}), references resolved as Odoo resolves them (a pending batch is
 * flushed when a row refers back to it, so backward references work and forward ones do not), per-record
 * savepoints, and all-or-nothing: any error message rolls the whole call back and answers {@code ids: False}.
 */
final class Loader {
    private static final Set<String> TRUES = Set.of("1", "true", "yes");
    private static final Set<String> FALSES = Set.of("", "0", "false", "no");

    /** A conversion problem: an Odoo message template with {@code %(field)s} still to fill. */
    private static final class ImportProblem extends RuntimeException {
        final String template;
        final Object moreinfo;
        final boolean warning;

        ImportProblem(String template, Object moreinfo, boolean warning) {
            super(template, null, false, false);
            this.template = template;
            this.moreinfo = moreinfo;
            this.warning = warning;
        }
    }

    private record Extracted(Map<String, Object> record, int from, int to) {
    }

    private record Pending(String xid, Map<String, Object> values, Map<String, Object> info) {
    }

    private final Orm orm;
    private final Domain domain;
    private final Ctx ctx;
    private final String module;
    private final List<Map<String, Object>> messages = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private final List<Pending> batch = new ArrayList<>();
    private final Set<String> batchXmlIds = new LinkedHashSet<>();
    private final Set<String> creatableModels = new LinkedHashSet<>();
    private ModelInfo root;

    Loader(Orm orm, Domain domain, Ctx ctx) {
        this.orm = orm;
        this.domain = domain;
        this.module = ctx.get("module") instanceof String s && !s.isEmpty() ? s : "__import__";
        Map<String, Object> c = new LinkedHashMap<>(ctx.context());
        c.put("_import_current_module", module);
        this.ctx = new Ctx(c, ctx.uid());
    }

    Map<String, Object> load(ModelInfo m, List<String> fieldNames, List<List<Object>> data) {
        root = m;
        int callMark = orm.store.mark();
        List<List<String>> paths = new ArrayList<>();
        for (String f : fieldNames) {
            paths.add(fixPath(f));
        }
        checkColumns(m, paths);
        long limit = ctx.get("_import_limit") instanceof Long l ? l : Long.MAX_VALUE;
        List<Extracted> records = extract(m, paths, cells(data), limit);
        int lastTo = -1;
        for (int r = 0; r < records.size(); r++) {
            Extracted ex = records.get(r);
            lastTo = ex.to();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("rows", rows(ex.from(), ex.to()));
            info.put("record", (long) r);
            Map<String, Object> record = ex.record();
            String xid = record.get("id") instanceof String s && !s.isEmpty() ? s : null;
            Long dbid = null;
            if (record.get(".id") instanceof String s && !s.isEmpty()) {
                dbid = parseLong(s);
                if (dbid == null || !orm.store.exists(m.name(), dbid)) {
                    Map<String, Object> msg = new LinkedHashMap<>(info);
                    msg.put("type", "error");
                    msg.put("field", ".id");
                    msg.put("message", "Unknown database identifier '" + s + "'");
                    messages.add(msg);
                    dbid = null;
                }
            }
            Map<String, Object> converted = convertRecord(m, record, info, null);
            if (xid != null) {
                xid = xid.contains(".") ? xid : module + "." + xid;
                if (batchXmlIds.contains(xid)) {
                    // The same external id twice in one call: the second row updates the first (Odoo answers [n, n]).
                    flush();
                }
                batchXmlIds.add(xid);
            } else if (dbid != null) {
                converted.put("id", dbid);
            }
            batch.add(new Pending(xid, converted, info));
        }
        flush();
        boolean failed = messages.stream().anyMatch(msg -> "error".equals(msg.get("type")));
        if (failed) {
            orm.store.rollbackTo(callMark);
        }
        long nextrow = lastTo + 1;
        if (nextrow < limit) {
            nextrow = 0;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ids", failed ? Boolean.FALSE : new ArrayList<>(ids));
        result.put("messages", messages);
        result.put("nextrow", nextrow);
        return result;
    }

    private static Map<String, Object> rows(int from, int to) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("from", (long) from);
        rows.put("to", (long) to);
        return rows;
    }

    /** Odoo's fix_import_export_id_paths: {@code a.id} → {@code a/.id}, {@code a:id} → {@code a/id}, split on '/'. */
    static List<String> fixPath(String name) {
        String s = name.replaceAll("([^/])\\.id", "$1/.id").replaceAll("([^/]):id", "$1/id");
        return List.of(s.split("/", -1));
    }

    /** Odoo walks every column path before extracting; an unknown name is an exception, not a message. */
    private void checkColumns(ModelInfo m, List<List<String>> paths) {
        creatableModels.add(m.name());
        for (List<String> path : paths) {
            String first = path.get(0);
            if ("id".equals(first) || ".id".equals(first)) {
                continue;
            }
            ModelInfo current = m;
            for (String name : path) {
                if ("id".equals(name) || ".id".equals(name)) {
                    break;
                }
                if (!current.has(name)) {
                    throw orm.dialect.loadUnknownColumn(name);
                }
                OdooField f = current.field(name);
                if ("one2many".equals(f.type()) && orm.schema.model(f.relation()) != null) {
                    current = orm.schema.model(f.relation());
                    creatableModels.add(current.name());
                }
            }
        }
    }

    private static List<List<String>> cells(List<List<Object>> data) {
        List<List<String>> out = new ArrayList<>();
        for (List<Object> row : data) {
            List<String> r = new ArrayList<>();
            for (Object o : row) {
                r.add(o == null || Boolean.FALSE.equals(o) ? "" : String.valueOf(o));
            }
            out.add(r);
        }
        return out;
    }

    // ------------------------------------------------------------------ extraction

    private List<Extracted> extract(ModelInfo m, List<List<String>> paths, List<List<String>> data, long limit) {
        List<Integer> o2m = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            OdooField f = fieldOf(m, paths.get(i).get(0));
            (f != null && "one2many".equals(f.type()) ? o2m : other).add(i);
        }
        List<Extracted> out = new ArrayList<>();
        int index = 0;
        while (index < data.size() && index < limit) {
            List<String> row = data.get(index);
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < paths.size(); i++) {
                String name = paths.get(i).get(0);
                if (!isRelational(m, name)) {
                    record.put(name, cell(row, i));
                }
            }
            List<List<String>> span = new ArrayList<>();
            span.add(row);
            for (int j = index + 1; j < data.size(); j++) {
                List<String> next = data.get(j);
                if (o2m.stream().anyMatch(i -> !cell(next, i).isEmpty()) && other.stream().allMatch(i -> cell(next, i).isEmpty())) {
                    span.add(next);
                } else {
                    break;
                }
            }
            Set<String> relfields = new LinkedHashSet<>();
            for (List<String> p : paths) {
                if (isRelational(m, p.get(0))) {
                    relfields.add(p.get(0));
                }
            }
            for (String rel : relfields) {
                List<Integer> indices = new ArrayList<>();
                List<List<String>> subpaths = new ArrayList<>();
                for (int i = 0; i < paths.size(); i++) {
                    if (rel.equals(paths.get(i).get(0))) {
                        indices.add(i);
                        List<String> rest = paths.get(i).subList(1, paths.get(i).size());
                        subpaths.add(rest.isEmpty() ? java.util.Collections.singletonList(null) : rest);
                    }
                }
                List<List<String>> relData = new ArrayList<>();
                for (List<String> r : span) {
                    List<String> cells = new ArrayList<>();
                    for (int i : indices) {
                        cells.add(cell(r, i));
                    }
                    if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                        relData.add(cells);
                    }
                }
                ModelInfo co = orm.schema.model(m.field(rel).relation());
                List<Map<String, Object>> subs = new ArrayList<>();
                if (co != null) {
                    for (Extracted sub : extract(co, subpaths, relData, Long.MAX_VALUE)) {
                        subs.add(sub.record());
                    }
                }
                record.put(rel, subs);
            }
            out.add(new Extracted(record, index, index + span.size() - 1));
            index += span.size();
        }
        return out;
    }

    private static OdooField fieldOf(ModelInfo m, String name) {
        return name == null ? null : m.field(name);
    }

    private static boolean isRelational(ModelInfo m, String name) {
        OdooField f = fieldOf(m, name);
        return f != null && f.relation() != null && !"id".equals(name);
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() ? row.get(i) : "";
    }

    // ------------------------------------------------------------------ conversion

    /** Odoo's ir.fields.converter for one record; problems become messages on {@code info}'s rows. */
    private Map<String, Object> convertRecord(ModelInfo m, Map<String, Object> record, Map<String, Object> info,
                                              String innerPrefix) {
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : record.entrySet()) {
            String field = e.getKey();
            if (field == null || "id".equals(field) || ".id".equals(field)) {
                continue;
            }
            Object value = e.getValue();
            if (value instanceof String s && s.isEmpty() || value instanceof List<?> l && l.isEmpty()) {
                converted.put(field, null);
                continue;
            }
            OdooField f = m.field(field);
            List<ImportProblem> warnings = new ArrayList<>();
            try {
                converted.put(field, convertValue(m, f, value, warnings));
            } catch (ImportProblem p) {
                if (innerPrefix != null) {
                    // Inside a one2many: Odoo rewrites the label to "Parent Field/Sub Field" and lets it rise.
                    throw new ImportProblem(p.template.replace("%(field)s", "%(field)s/" + f.label()), p.moreinfo, false);
                }
                log(m, f, info, p);
                continue;
            }
            for (ImportProblem w : warnings) {
                if (innerPrefix != null && !w.warning) {
                    throw new ImportProblem(w.template.replace("%(field)s", "%(field)s/" + f.label()), w.moreinfo, false);
                }
                log(m, f, info, w);
            }
        }
        return converted;
    }

    private void log(ModelInfo m, OdooField f, Map<String, Object> info, ImportProblem p) {
        Map<String, Object> msg = new LinkedHashMap<>(info);
        msg.put("type", p.warning ? "warning" : "error");
        if (orm.dialect.detailedLoadMessages()) {
            msg.put("field", f.name());
        }
        msg.put("message", p.template.replace("%(field)s", f.label()));
        if (orm.dialect.detailedLoadMessages()) {
            msg.put("field_name", f.label());
            if (p.moreinfo != null) {
                msg.put("moreinfo", p.moreinfo);
            }
        }
        messages.add(msg);
    }

    private Object convertValue(ModelInfo m, OdooField f, Object value, List<ImportProblem> warnings) {
        if (value instanceof List<?> subs) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> records = (List<Map<String, Object>>) subs;
            return switch (f.type()) {
                case "many2one" -> toMany2one(f, records, warnings);
                case "many2many" -> toMany2many(f, records, warnings);
                default -> toOne2many(f, records, warnings);
            };
        }
        String s = (String) value;
        switch (f.type()) {
            case "boolean" -> {
                String lower = s.toLowerCase(Locale.ROOT);
                if (TRUES.contains(lower)) {
                    return Boolean.TRUE;
                }
                if (FALSES.contains(lower)) {
                    return Boolean.FALSE;
                }
                // Odoo keeps True and reports the value; the report is an error, so the call is not saved.
                warnings.add(new ImportProblem("Unknown value '" + s + "' for boolean field '%(field)s'",
                        "Use '1' for yes and '0' for no", false));
                return Boolean.TRUE;
            }
            case "integer", "many2one_reference" -> {
                Long v = parseLong(s);
                if (v == null) {
                    throw new ImportProblem("'" + s + "' does not seem to be an integer for field '%(field)s'", null, false);
                }
                return v;
            }
            case "float", "monetary" -> {
                try {
                    return Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    throw new ImportProblem("'" + s + "' does not seem to be a number for field '%(field)s'", null, false);
                }
            }
            case "date" -> {
                String d = ValueConverter.parseDate(s);
                if (d == null) {
                    throw new ImportProblem("'" + s + "' does not seem to be a valid date for field '%(field)s'",
                            "Use the format '2012-12-31'", false);
                }
                return d;
            }
            case "datetime" -> {
                String d = ValueConverter.parseDatetime(s);
                if (d == null) {
                    throw new ImportProblem("'" + s + "' does not seem to be a valid datetime for field '%(field)s'",
                            "Use the format '2012-12-31 23:59:59'", false);
                }
                return d;
            }
            case "selection" -> {
                for (OdooField.Choice c : f.selection()) {
                    if (s.equalsIgnoreCase(c.key()) || s.equalsIgnoreCase(c.label())) {
                        return c.key();
                    }
                }
                List<String> labels = new ArrayList<>();
                for (OdooField.Choice c : f.selection()) {
                    labels.add(c.label().isEmpty() ? c.key() : c.label());
                }
                throw new ImportProblem("Value '" + s + "' not found in selection field '%(field)s'", labels, false);
            }
            default -> {
                return s;
            }
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String referencingSubfield(Map<String, Object> record) {
        for (String k : record.keySet()) {
            if (k != null && !"id".equals(k) && !".id".equals(k)) {
                throw new ImportProblem("Can not create Many-To-One records indirectly, import the field separately", null, false);
            }
        }
        if (record.size() > 1) {
            throw new ImportProblem("Ambiguous specification for field '%(field)s', only provide one of name, external id or database id", null, false);
        }
        return record.keySet().iterator().next();
    }

    private Long toMany2one(OdooField f, List<Map<String, Object>> records, List<ImportProblem> warnings) {
        if (records.size() != 1) {
            throw new ImportProblem("too many values to unpack (expected 1)", null, false);
        }
        String subfield = referencingSubfield(records.get(0));
        return dbIdFor(f, subfield, String.valueOf(records.get(0).get(subfield)), warnings);
    }

    private List<List<Object>> toMany2many(OdooField f, List<Map<String, Object>> records, List<ImportProblem> warnings) {
        if (records.size() != 1) {
            throw new ImportProblem("too many values to unpack (expected 1)", null, false);
        }
        String subfield = referencingSubfield(records.get(0));
        List<Long> targets = new ArrayList<>();
        // Odoo splits on ',' without trimming: "a, b" looks up " b".
        for (String ref : String.valueOf(records.get(0).get(subfield)).split(",", -1)) {
            Long id = dbIdFor(f, subfield, ref, warnings);
            if (id != null) {
                targets.add(id);
            }
        }
        return List.of(List.of(6L, 0L, targets));
    }

    private List<List<Object>> toOne2many(OdooField f, List<Map<String, Object>> records, List<ImportProblem> warnings) {
        ModelInfo co = orm.model(f.relation());
        List<Map<String, Object>> subs = records;
        if (subs.size() == 1 && subs.get(0).keySet().stream().allMatch(k -> k == null || "id".equals(k) || ".id".equals(k))) {
            String subfield = referencingSubfield(subs.get(0));
            subs = new ArrayList<>();
            for (String item : String.valueOf(records.get(0).get(subfield)).split(",", -1)) {
                Map<String, Object> one = new HashMap<>();
                one.put(subfield, item);
                subs.add(one);
            }
        }
        List<List<Object>> commands = new ArrayList<>();
        for (Map<String, Object> sub : subs) {
            Map<String, Object> refs = new LinkedHashMap<>();
            Map<String, Object> rest = new LinkedHashMap<>();
            sub.forEach((k, v) -> (k == null || "id".equals(k) || ".id".equals(k) ? refs : rest).put(k, v));
            Map<String, Object> writable = convertRecord(co, rest, Map.of(), f.name());
            Long id = null;
            if (!refs.isEmpty()) {
                String subfield = referencingSubfield(refs);
                try {
                    id = dbIdFor(f, subfield, String.valueOf(sub.get(subfield)), warnings);
                } catch (ImportProblem p) {
                    if (!"id".equals(subfield)) {
                        throw p;
                    }
                    writable.put("id", sub.get("id"));
                }
            }
            if (id != null) {
                commands.add(List.of(4L, id));
                commands.add(List.of(1L, id, writable));
            } else {
                List<Object> create = new ArrayList<>();
                create.add(0L);
                create.add(0L);
                create.add(writable);
                commands.add(create);
            }
        }
        return commands;
    }

    /** Odoo's db_id_for: a reference by database id ({@code .id}), external id ({@code id}) or name (null). */
    private Long dbIdFor(OdooField f, String subfield, String value, List<ImportProblem> warnings) {
        ModelInfo co = orm.model(f.relation());
        String fieldType;
        Long id = null;
        if (".id".equals(subfield)) {
            fieldType = "database id";
            if (FALSES.contains(value.toLowerCase(Locale.ROOT))) {
                return null;
            }
            Long tentative = parseLong(value);
            if (tentative == null) {
                throw new ImportProblem("Invalid database id '" + value + "' for the field '%(field)s'", null, false);
            }
            if (orm.store.exists(co.name(), tentative)) {
                id = tentative;
            }
        } else if ("id".equals(subfield)) {
            fieldType = "external id";
            if (FALSES.contains(value.toLowerCase(Locale.ROOT))) {
                return null;
            }
            String xmlid = value.contains(".") ? value : module + "." + value;
            if (batchXmlIds.contains(xmlid)) {
                flush();
            }
            int dot = xmlid.indexOf('.');
            Long[] row = orm.xmlidRow(xmlid.substring(0, dot), xmlid.substring(dot + 1));
            if (row != null && row[1] != null) {
                String found = orm.xmlidModel(row[0]);
                if (!co.name().equals(found)) {
                    throw new ImportProblem("Invalid external ID " + xmlid + ": expected model " + PythonRepr.of(co.name())
                            + ", found " + PythonRepr.of(found), null, false);
                }
                id = row[1];
            }
        } else {
            fieldType = "name";
            if (value.isEmpty()) {
                return null;
            }
            if (creatableModels.contains(co.name())) {
                flush();
            }
            List<Long> found = nameSearchExact(co, value);
            if (!found.isEmpty()) {
                if (found.size() > 1) {
                    warnings.add(new ImportProblem("Found multiple matches for value '" + value + "' in field '%(field)s' ("
                            + found.size() + " matches)", null, true));
                }
                id = found.get(0);
            } else if (nameCreateEnabled(f)) {
                Map<String, Object> vals = new HashMap<>();
                vals.put(co.recName() == null ? "name" : co.recName(), value);
                id = orm.createOne(co, vals, ctx);
            }
        }
        if (id == null) {
            throw new ImportProblem("No matching record found for " + fieldType + " '" + value + "' in field '%(field)s'", null, false);
        }
        return id;
    }

    private boolean nameCreateEnabled(OdooField f) {
        return ctx.get("name_create_enabled_fields") instanceof Map<?, ?> enabled && ValueConverter.truthy(enabled.get(f.name()));
    }

    /** {@code name_search(name=value, operator='=')}: exact match on the model's name fields. */
    private List<Long> nameSearchExact(ModelInfo co, String value) {
        if (ProductRules.isProduct(co.name())) {
            return orm.products.nameSearch(domain, co, value, "=", List.of(), null, ctx);
        }
        List<Object> d = new ArrayList<>();
        List<String> fields = co.nameSearchFields();
        for (int i = 0; i < fields.size() - 1; i++) {
            d.add("|");
        }
        for (String f : fields) {
            boolean code = "code".equals(f) && "res.country.state".equals(co.name());
            d.add(List.of(f, code ? "=ilike" : "=", value));
        }
        if (fields.isEmpty()) {
            return List.of();
        }
        return domain.search(co, d, 0, null, null, ctx);
    }

    // ------------------------------------------------------------------ saving

    /** Saves the pending records one by one, each under its own savepoint, as Odoo's flush does. */
    private void flush() {
        List<Pending> pending = new ArrayList<>(batch);
        batch.clear();
        batchXmlIds.clear();
        for (Pending p : pending) {
            int mark = orm.store.mark();
            try {
                ids.add(save(p));
            } catch (ConstraintViolation v) {
                orm.store.rollbackTo(mark);
                error(p.info(), v.asLoadMessage(orm.dialect), null);
            } catch (OdooError e) {
                orm.store.rollbackTo(mark);
                if (e.pythonClass.startsWith("odoo.exceptions.")) {
                    error(p.info(), e.text, null);
                } else {
                    error(p.info(), "Unknown error during import: <class '" + e.pythonClass.replace("builtins.", "")
                            + "'>: " + e.text, "Resolve other errors first");
                }
            }
        }
    }

    private void error(Map<String, Object> info, String text, String moreinfo) {
        Map<String, Object> msg = new LinkedHashMap<>(info);
        msg.put("type", "error");
        msg.put("message", text);
        if (moreinfo != null) {
            msg.put("moreinfo", moreinfo);
        }
        messages.add(msg);
    }

    private long save(Pending p) {
        Map<String, Object> values = new LinkedHashMap<>(p.values());
        Object dbid = values.remove("id");
        if (p.xid() != null) {
            int dot = p.xid().indexOf('.');
            String mod = p.xid().substring(0, dot);
            String name = p.xid().substring(dot + 1);
            Long[] row = orm.xmlidRow(mod, name);
            if (row != null) {
                String found = orm.xmlidModel(row[0]);
                if (!root.name().equals(found)) {
                    throw OdooError.validation("For external id " + p.xid() + " when trying to create/update a record of model "
                            + root.name() + " found record of different model " + found + " (" + row[0] + ")");
                }
                if (row[1] != null) {
                    orm.write(root.name(), List.of(row[1]), values, ctx);
                    return row[1];
                }
            }
            long id = orm.createOne(root, values, ctx);
            orm.setXmlid(mod, name, root.name(), id, ValueConverter.truthy(ctx.get("noupdate")), ctx);
            return id;
        }
        if (dbid instanceof Long id) {
            orm.write(root.name(), List.of(id), values, ctx);
            return id;
        }
        return orm.createOne(root, values, ctx);
    }
}
