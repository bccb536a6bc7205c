package dev.ferry.odoo.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct access to the sandbox's records, with Odoo's semantics (the same checks and faults as over the wire)
 * but no HTTP and no call counting: for arranging test data, asserting on results, and inside
 * {@link SandboxMethod}s. Each call outside a method runs as its own transaction.
 */
public final class SandboxEnv {
    private final Engine engine;

    SandboxEnv(Engine engine) {
        this.engine = engine;
    }

    private Ctx ctx() {
        return new Ctx(Map.of("tracking_disable", true), engine.adminUid);
    }

    /** Creates a record as the admin, without a chatter message, and returns its id. */
    public long create(String model, Map<String, ?> values) {
        Map<String, Object> vals = normalizeMap(values);
        return engine.transaction(() -> engine.orm.createOne(engine.orm.model(model), vals, ctx()));
    }

    public void write(String model, Collection<Long> ids, Map<String, ?> values) {
        Map<String, Object> vals = normalizeMap(values);
        engine.transaction(() -> {
            engine.orm.write(model, List.copyOf(ids), vals, ctx());
            return null;
        });
    }

    public void unlink(String model, Collection<Long> ids) {
        engine.transaction(() -> {
            engine.orm.unlink(model, List.copyOf(ids), ctx());
            return null;
        });
    }

    /**
     * Reads records as {@code read} answers over the wire (many2one as {@code [id, name]}, empty as false).
     *
     * @param fields field names, or empty for all
     */
    public List<Map<String, Object>> read(String model, Collection<Long> ids, String... fields) {
        return engine.transaction(() -> engine.orm.read(model, List.copyOf(ids), fields.length == 0 ? null : List.of(fields), true));
    }

    /** Ids matching an Odoo domain (active records only, as Odoo's default). */
    public List<Long> search(String model, List<?> domain) {
        List<?> d = (List<?>) normalize(domain);
        return engine.transaction(() -> engine.domain.search(engine.orm.model(model), d, 0, null, null, ctx()));
    }

    /** The id an external id ({@code module.name}) points at, or null when there is none. */
    public Long ref(String externalId) {
        int dot = externalId.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("external id '" + externalId + "' has no module; expected module.name");
        }
        return engine.transaction(() -> engine.orm.xmlidTarget(externalId.substring(0, dot), externalId.substring(dot + 1)));
    }

    /** An Odoo UserError to throw from a {@link SandboxMethod} (fault 2 / HTTP 422). */
    public RuntimeException userError(String message) {
        return OdooError.userError(message);
    }

    static Map<String, Object> normalizeMap(Map<String, ?> values) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) normalize(values);
        return m;
    }

    /** Java values as the wire would bring them: integers as Long, floats as Double, collections as lists. */
    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object o : c) {
                out.add(normalize(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
            return out;
        }
        return v;
    }
}
