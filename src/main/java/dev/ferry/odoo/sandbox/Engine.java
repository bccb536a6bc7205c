package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.MethodFacts;
import dev.ferry.catalog.OdooCatalog;
import dev.ferry.catalog.OdooField;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs one model-method call as Odoo does: one transaction per call, methods known by their Python signature,
 * results shaped as Odoo returns them. Both protocol endpoints turn their requests into an {@link Invocation}.
 */
final class Engine {
    /** What a method accepts: whether it runs on ids, its parameters in positional order, the required ones. */
    record Signature(boolean onRecords, List<String> params, List<String> required) {
    }

    /**
     * One call.
     *
     * @param ids  the records for record methods, null for model methods
     * @param args named arguments, context excluded
     */
    record Invocation(String model, String method, List<Long> ids, Map<String, Object> args, Ctx ctx) {
    }

    private record Custom(boolean onRecords, SandboxMethod method) {
    }

    final Schema schema;
    final Store store;
    final Orm orm;
    final Domain domain;
    final Dialect dialect;
    final long adminUid = 2L;
    private final Map<String, Custom> custom = new ConcurrentHashMap<>();
    private final MethodFacts methods;
    private int depth;

    Engine(OdooCatalog catalog, Clock clock) {
        this.methods = catalog.methods();
        this.schema = new Schema(catalog);
        this.store = new Store();
        for (ModelInfo m : schema.models()) {
            store.addModel(m.name());
        }
        this.dialect = new Dialect(catalog.major());
        this.orm = new Orm(schema, store, dialect, clock);
        this.domain = new Domain(orm);
        new BaseData(orm, adminUid).seed();
        store.commit();
    }

    void register(String model, String method, boolean onRecords, SandboxMethod m) {
        custom.put(model + "." + method, new Custom(onRecords, m));
    }

    /** The signature of a method on a model, or null when the model has no such public method. */
    Signature signature(String model, String method) {
        Custom c = custom.get(model + "." + method);
        if (c != null) {
            return new Signature(c.onRecords(), null, List.of());
        }
        if (orm.sales.has(model, method)) {
            return new Signature(true, List.of(), List.of());
        }
        return switch (method) {
            case "create" -> new Signature(false, List.of("vals_list"), List.of("vals_list"));
            case "write" -> new Signature(true, List.of("vals"), List.of("vals"));
            case "unlink", "exists" -> new Signature(true, List.of(), List.of());
            case "read" -> new Signature(true, List.of("fields", "load"), List.of());
            case "search" -> new Signature(false, List.of("domain", "offset", "limit", "order"), List.of("domain"));
            case "search_read" -> new Signature(false, List.of("domain", "fields", "offset", "limit", "order", "load"), List.of());
            case "search_count" -> new Signature(false, List.of("domain", "limit"), List.of("domain"));
            case "fields_get" -> new Signature(false, List.of("allfields", "attributes"), List.of());
            case "load" -> new Signature(false, List.of("fields", "data"), List.of("fields", "data"));
            case "name_search" -> new Signature(false, List.of("name", dialect.major() >= 18 ? "domain" : "args",
                    "operator", "limit"), List.of());
            case "name_create" -> new Signature(false, List.of("name"), List.of("name"));
            case "default_get" -> {
                // As the real server of the catalog's version declares it (methods.yaml), overrides included.
                MethodFacts.Signature f = methods.of(model, method);
                List<String> params = f == null ? List.of("fields_list") : f.params();
                yield new Signature(f != null && f.bound() == MethodFacts.Bound.RECORDS, params, params);
            }
            default -> null;
        };
    }

    /** Runs {@code work} as one transaction: everything it changed is undone if it throws. Re-entrant. */
    synchronized <T> T transaction(Supplier<T> work) {
        if (depth > 0) {
            return work.get();
        }
        int mark = store.mark();
        depth++;
        try {
            T result = work.get();
            store.commit();
            return result;
        } catch (ConstraintViolation v) {
            store.rollbackTo(mark);
            throw v.asFault(dialect);
        } catch (RuntimeException e) {
            store.rollbackTo(mark);
            throw e;
        } finally {
            depth--;
        }
    }

    /** Runs a call; errors come out as {@link OdooError}, with nothing of the call left in the store. */
    Object invoke(Invocation inv) {
        return transaction(() -> dispatch(inv));
    }

    @SuppressWarnings("unchecked")
    private Object dispatch(Invocation inv) {
        ModelInfo m = orm.model(inv.model());
        Map<String, Object> a = inv.args();
        Ctx ctx = inv.ctx();
        Custom c = custom.get(inv.model() + "." + inv.method());
        if (c != null) {
            return c.method().call(new SandboxEnv(this), inv.ids() == null ? List.of() : inv.ids(), a);
        }
        List<Long> ids = inv.ids() == null ? List.of() : inv.ids();
        if (orm.sales.has(m.name(), inv.method())) {
            return orm.sales.call(inv.method(), ids, ctx);
        }
        switch (inv.method()) {
            case "create" -> {
                Object vl = a.get("vals_list");
                List<Map<String, Object>> list = new ArrayList<>();
                if (vl instanceof Map<?, ?> one) {
                    list.add((Map<String, Object>) one);
                } else if (vl instanceof List<?> many) {
                    for (Object o : many) {
                        if (!(o instanceof Map<?, ?> one)) {
                            throw OdooError.python("ValueError", "dictionary update sequence element #0 has length 1; 2 is required");
                        }
                        list.add((Map<String, Object>) one);
                    }
                } else {
                    throw OdooError.python("TypeError", "'" + pyType(vl) + "' object is not iterable");
                }
                return orm.create(m.name(), list, ctx);
            }
            case "write" -> {
                if (!(a.get("vals") instanceof Map<?, ?> vals)) {
                    throw OdooError.python("AttributeError", "'" + pyType(a.get("vals")) + "' object has no attribute 'items'");
                }
                orm.write(m.name(), ids, (Map<String, Object>) vals, ctx);
                return Boolean.TRUE;
            }
            case "unlink" -> {
                orm.unlink(m.name(), ids, ctx);
                return Boolean.TRUE;
            }
            case "exists" -> {
                return ids.stream().filter(id -> store.exists(m.name(), id)).toList();
            }
            case "read" -> {
                return orm.read(m.name(), ids, strings(a.get("fields")), !a.containsKey("load") || a.get("load") != null);
            }
            case "search" -> {
                return domain.search(m, list(a.get("domain")), number(a.get("offset"), 0L), limit(a.get("limit")),
                        text(a.get("order")), ctx);
            }
            case "search_read" -> {
                List<Long> found = domain.search(m, list(a.get("domain")), number(a.get("offset"), 0L),
                        limit(a.get("limit")), text(a.get("order")), ctx);
                return orm.read(m.name(), found, strings(a.get("fields")), !a.containsKey("load") || a.get("load") != null);
            }
            case "search_count" -> {
                long n = domain.search(m, list(a.get("domain")), 0, limit(a.get("limit")), null, ctx).size();
                return n;
            }
            case "fields_get" -> {
                return fieldsGet(m, strings(a.get("allfields")), strings(a.get("attributes")));
            }
            case "load" -> {
                List<List<Object>> data = new ArrayList<>();
                for (Object row : list(a.get("data"))) {
                    data.add(new ArrayList<>(list(row)));
                }
                return new Loader(orm, domain, ctx).load(m, strings(a.get("fields")), data);
            }
            case "name_search" -> {
                return nameSearch(m, text(a.get("name")), list(a.containsKey("domain") ? a.get("domain") : a.get("args")),
                        a.get("operator") instanceof String op ? op : "ilike", a.containsKey("limit") ? limit(a.get("limit")) : Long.valueOf(100), ctx);
            }
            case "name_create" -> {
                Map<String, Object> vals = new LinkedHashMap<>();
                vals.put(m.recName() == null ? "name" : m.recName(), a.get("name"));
                long id = orm.createOne(m, vals, ctx);
                return List.of(id, orm.displayName(m.name(), id));
            }
            case "default_get" -> {
                List<String> wanted = strings(a.get(signature(inv.model(), "default_get").params().get(0)));
                Map<String, Object> out = new LinkedHashMap<>();
                orm.defaults(m, Map.of(), ctx).forEach((f, v) -> {
                    if (wanted != null && wanted.contains(f)) {
                        out.put(f, v);
                    }
                });
                return out;
            }
            default -> throw dialect.unknownMethod(m.name(), inv.method());
        }
    }

    private List<List<Object>> nameSearch(ModelInfo m, String name, List<?> extra, String operator, Long limit, Ctx ctx) {
        if (ProductRules.isProduct(m.name())) {
            List<List<Object>> out = new ArrayList<>();
            for (long id : orm.products.nameSearch(domain, m, name, operator, extra, limit, ctx)) {
                out.add(List.of(id, orm.displayName(m.name(), id)));
            }
            return out;
        }
        List<Object> d = new ArrayList<>(extra == null ? List.of() : extra);
        List<String> fields = m.nameSearchFields();
        if (name != null && !name.isEmpty() && !fields.isEmpty()) {
            // The name condition is one OR group appended to the caller's domain (implicit AND).
            for (int i = 0; i < fields.size() - 1; i++) {
                d.add("|");
            }
            for (String f : fields) {
                d.add(List.of(f, operator, name));
            }
        }
        List<List<Object>> out = new ArrayList<>();
        for (long id : domain.search(m, d, 0, limit, null, ctx)) {
            out.add(List.of(id, orm.displayName(m.name(), id)));
        }
        return out;
    }

    /** {@code fields_get}: the catalog's attributes, limited to {@code attributes} when given. */
    Map<String, Object> fieldsGet(ModelInfo m, List<String> allfields, List<String> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OdooField f : m.fields().values()) {
            if (allfields != null && !allfields.isEmpty() && !allfields.contains(f.name())) {
                continue;
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("type", f.type());
            attrs.put("string", f.label());
            attrs.put("required", f.required());
            attrs.put("readonly", f.readonly());
            attrs.put("store", f.stored());
            if (f.relation() != null) {
                attrs.put("relation", f.relation());
            }
            if ("selection".equals(f.type())) {
                List<Object> sel = new ArrayList<>();
                for (OdooField.Choice c : f.selection()) {
                    sel.add(List.of(c.key(), c.label()));
                }
                attrs.put("selection", sel);
            }
            if (attributes != null && !attributes.isEmpty()) {
                attrs.keySet().retainAll(attributes);
            }
            out.put(f.name(), attrs);
        }
        return out;
    }

    private static String pyType(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof List) {
            return "list";
        }
        return v instanceof Map ? "dict" : v.getClass().getSimpleName();
    }

    private static List<?> list(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw OdooError.python("TypeError", "'" + pyType(v) + "' object is not iterable");
    }

    private static List<String> strings(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : list(v)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static String text(Object v) {
        return v instanceof String s ? s : null;
    }

    private static long number(Object v, long dflt) {
        return v instanceof Long l ? l : dflt;
    }

    private static Long limit(Object v) {
        return v instanceof Long l ? l : null;
    }
}
