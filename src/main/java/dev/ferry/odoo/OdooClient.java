package dev.ferry.odoo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The writer's view of one Odoo database as one user. Two transports implement it: {@link XmlRpcTransport}
 * (Odoo 16–19) and {@link Json2Transport} (Odoo 19+); {@link #connect} picks one from the server's version.
 *
 * <p>Values going in may be strings, numbers, booleans, {@code java.time} dates, lists and maps; values coming
 * back are {@link String}, {@link Long}, {@link Double}, {@link Boolean} ({@code false} is Odoo's empty value),
 * {@link List}, {@link Map} and {@code null}; many2one values read as {@code [id, display name]}, dates as
 * {@code yyyy-MM-dd} and datetimes as {@code yyyy-MM-dd HH:mm:ss} (UTC) strings.
 *
 * <p>Every method throws an {@link OdooException} subtype on failure; see there for what each means.
 */
public interface OdooClient extends AutoCloseable {

    /**
     * Connects to a server: for {@link Protocol#AUTO} asks its version and speaks JSON-2 on 19 and later
     * (which needs an API key), XML-RPC before. Does not authenticate yet.
     */
    static OdooClient connect(OdooServer server, Credentials credentials, ClientOptions options) {
        Protocol p = options.protocol();
        if (p == Protocol.AUTO) {
            ServerVersion v = Json2Transport.probeVersion(server, options);
            if (v == null) {
                try (XmlRpcTransport x = new XmlRpcTransport(server, credentials, options)) {
                    v = x.version();
                }
            }
            p = v.major() >= 19 ? Protocol.JSON_2 : Protocol.XML_RPC;
        }
        return p == Protocol.JSON_2 ? new Json2Transport(server, credentials, options)
                : new XmlRpcTransport(server, credentials, options);
    }

    /** The protocol this client speaks: {@link Protocol#XML_RPC} or {@link Protocol#JSON_2}. */
    Protocol protocol();

    /** The server's version; needs no login. */
    ServerVersion version();

    /**
     * Logs in and returns the user id; later calls reuse it. Called on first use if not called before.
     *
     * @throws AuthenticationException when the login, password or API key is refused
     */
    long authenticate();

    /**
     * Calls {@code model.method} the XML-RPC way: positional {@code args} (record methods take the ids first)
     * and keyword {@code kwargs} (including {@code context}). Over JSON-2 the positional arguments of the
     * methods Odoo's ORM defines ({@code create}, {@code write}, {@code read}, {@code search_read},
     * {@code load}, ...) are renamed to Odoo's parameter names; for other methods only a first argument of ids
     * is accepted positionally and everything else must come in {@code kwargs}.
     *
     * @return the server's answer as is (e.g. {@code create} of a dict answers an id over XML-RPC but a list
     *         of one id over JSON-2); the convenience methods below hide such differences
     */
    Object execute(String model, String method, List<?> args, Map<String, ?> kwargs);

    @Override
    void close();

    /**
     * Calls a method that works on the model, not on records ({@code default_get}), with positional {@code args},
     * shaped by how the server's version declares it: over XML-RPC a model whose override is bound to records gets
     * an empty id list first; over JSON-2 every argument is named as that model's override names it. Without a
     * signature the call goes out as given.
     */
    default Object executeOnModel(dev.ferry.catalog.MethodFacts.Signature signature, String model, String method,
                                  List<?> args, Map<String, ?> kwargs) {
        if (signature == null) {
            return execute(model, method, args, kwargs);
        }
        if (protocol() == Protocol.JSON_2) {
            Map<String, Object> named = new LinkedHashMap<>(kwargs);
            for (int i = 0; i < args.size() && i < signature.params().size(); i++) {
                named.put(signature.params().get(i), args.get(i));
            }
            return execute(model, method, List.of(), named);
        }
        List<Object> positional = new ArrayList<>();
        if (signature.bound() == dev.ferry.catalog.MethodFacts.Bound.RECORDS) {
            positional.add(List.of());
        }
        positional.addAll(args);
        return execute(model, method, positional, kwargs);
    }

    // ---- convenience calls, the same on both transports ----

    /** Creates one record and returns its id. */
    default long create(String model, Map<String, ?> values) {
        return create(model, List.of(values), null).get(0);
    }

    /**
     * Creates records in one call, all or nothing, and returns their ids in order.
     *
     * @param context Odoo context (e.g. {@code tracking_disable}), or null for none
     */
    default List<Long> create(String model, List<? extends Map<String, ?>> valuesList, Map<String, ?> context) {
        Object r = execute(model, "create", List.of(valuesList), withContext(Map.of(), context));
        List<Long> ids = OdooValues.ids(r, model + ".create");
        if (ids.size() != valuesList.size()) {
            throw new OdooProtocolException(model + ".create of " + valuesList.size() + " records answered "
                    + ids.size() + " ids", null);
        }
        return ids;
    }

    /** Writes the same values on every record of {@code ids}. */
    default void write(String model, Collection<Long> ids, Map<String, ?> values, Map<String, ?> context) {
        execute(model, "write", List.of(List.copyOf(ids), values), withContext(Map.of(), context));
    }

    default void write(String model, Collection<Long> ids, Map<String, ?> values) {
        write(model, ids, values, null);
    }

    /** Deletes records; a missing id is a fault (Odoo's MissingError). */
    default void unlink(String model, Collection<Long> ids) {
        execute(model, "unlink", List.of(List.copyOf(ids)), Map.of());
    }

    /**
     * Reads records; ids that no longer exist are left out, as Odoo does.
     *
     * @param fields field names, or null for all fields
     */
    default List<Map<String, Object>> read(String model, Collection<Long> ids, List<String> fields) {
        Map<String, Object> kw = new LinkedHashMap<>();
        if (fields != null) {
            kw.put("fields", fields);
        }
        return records(execute(model, "read", List.of(List.copyOf(ids)), kw), model + ".read");
    }

    /**
     * Searches and reads in one call.
     *
     * @param domain Odoo domain: leaves as {@code List.of(field, operator, value)} and {@code "&"}, {@code "|"},
     *               {@code "!"}; empty for all records
     * @param fields field names, or null for all
     * @param offset records to skip
     * @param limit  maximum records, or null for no limit
     * @param order  e.g. {@code "name asc, id desc"}, or null for the model's order
     */
    default List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields, int offset,
                                                 Integer limit, String order) {
        Map<String, Object> kw = new LinkedHashMap<>();
        if (fields != null) {
            kw.put("fields", fields);
        }
        if (offset != 0) {
            kw.put("offset", offset);
        }
        if (limit != null) {
            kw.put("limit", limit);
        }
        if (order != null) {
            kw.put("order", order);
        }
        return records(execute(model, "search_read", List.of(domain), kw), model + ".search_read");
    }

    default List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields) {
        return searchRead(model, domain, fields, 0, null, null);
    }

    /** Ids of the records matching {@code domain}; see {@link #searchRead} for the parameters. */
    default List<Long> search(String model, List<?> domain, int offset, Integer limit, String order) {
        Map<String, Object> kw = new LinkedHashMap<>();
        if (offset != 0) {
            kw.put("offset", offset);
        }
        if (limit != null) {
            kw.put("limit", limit);
        }
        if (order != null) {
            kw.put("order", order);
        }
        return OdooValues.ids(execute(model, "search", List.of(domain), kw), model + ".search");
    }

    default List<Long> search(String model, List<?> domain) {
        return search(model, domain, 0, null, null);
    }

    default long searchCount(String model, List<?> domain) {
        Object r = execute(model, "search_count", List.of(domain), Map.of());
        if (r instanceof Long n) {
            return n;
        }
        throw new OdooProtocolException(model + ".search_count answered " + OdooValues.describe(r) + "; expected a number", null);
    }

    /**
     * The model's fields as {@code fields_get} describes them.
     *
     * @param attributes e.g. {@code string, type, required, readonly, relation, selection, store}; null for all
     * @return field name to attributes
     */
    @SuppressWarnings("unchecked")
    default Map<String, Map<String, Object>> fieldsGet(String model, List<String> attributes) {
        Map<String, Object> kw = new LinkedHashMap<>();
        if (attributes != null) {
            kw.put("attributes", attributes);
        }
        Map<String, Object> r = OdooValues.map(execute(model, "fields_get", List.of(), kw), model + ".fields_get");
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        r.forEach((k, v) -> out.put(k, OdooValues.map(v, model + ".fields_get")));
        return out;
    }

    /**
     * Odoo's native import: {@code fields} are import column names ({@code id}, {@code name},
     * {@code parent_id/id}, {@code country_id/.id}, {@code order_line/product_id/id}, ...), {@code rows} the
     * cells as strings ("" for empty). All or nothing: any bad row gives {@link LoadResult#ids()} null.
     *
     * @param context e.g. {@code tracking_disable}, {@code _import_limit}, {@code module}; null for none
     */
    default LoadResult load(String model, List<String> fields, List<? extends List<String>> rows, Map<String, ?> context) {
        String what = model + ".load";
        Map<String, Object> r = OdooValues.map(execute(model, "load", List.of(fields, rows), withContext(Map.of(), context)), what);
        Object rawIds = r.get("ids");
        List<Long> ids = Boolean.FALSE.equals(rawIds) || rawIds == null ? null : OdooValues.ids(rawIds, what);
        List<LoadResult.Message> messages = new ArrayList<>();
        Object rawMessages = r.get("messages");
        if (rawMessages != null) {
            for (Object m : OdooValues.list(rawMessages, what)) {
                Map<String, Object> msg = OdooValues.map(m, what);
                int from = -1;
                int to = -1;
                if (msg.get("rows") instanceof Map<?, ?> rowsMap) {
                    from = rowsMap.get("from") instanceof Long l ? l.intValue() : -1;
                    to = rowsMap.get("to") instanceof Long l ? l.intValue() : -1;
                }
                int record = msg.get("record") instanceof Long l ? l.intValue() : -1;
                messages.add(new LoadResult.Message(String.valueOf(msg.getOrDefault("type", "error")),
                        String.valueOf(msg.getOrDefault("message", "")), from, to, record,
                        msg.get("field") instanceof String f ? f : null));
            }
        }
        int next = r.get("nextrow") instanceof Long n ? n.intValue() : 0;
        return new LoadResult(ids, messages, next);
    }

    /**
     * Looks external ids up in {@code ir.model.data}; ids of deleted records or unknown names are absent from
     * the answer. An external id without a module is looked up as {@code __import__.<name>}, as {@code load}
     * stores it.
     */
    default Map<String, RecordRef> lookupExternalIds(Collection<String> externalIds) {
        Map<String, RecordRef> out = new LinkedHashMap<>();
        if (externalIds.isEmpty()) {
            return out;
        }
        TreeSet<String> modules = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>();
        for (String x : externalIds) {
            int dot = x.indexOf('.');
            modules.add(dot < 0 ? "__import__" : x.substring(0, dot));
            names.add(dot < 0 ? x : x.substring(dot + 1));
        }
        List<Map<String, Object>> rows = searchRead("ir.model.data",
                List.of(List.of("module", "in", List.copyOf(modules)), List.of("name", "in", List.copyOf(names))),
                List.of("module", "name", "model", "res_id"));
        Map<String, RecordRef> found = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            if (row.get("res_id") instanceof Long id && id > 0) {
                found.put(row.get("module") + "." + row.get("name"), new RecordRef(String.valueOf(row.get("model")), id));
            }
        }
        for (String x : externalIds) {
            String key = x.indexOf('.') < 0 ? "__import__." + x : x;
            RecordRef ref = found.get(key);
            if (ref != null) {
                out.put(x, ref);
            }
        }
        return out;
    }

    private static Map<String, Object> withContext(Map<String, ?> kwargs, Map<String, ?> context) {
        Map<String, Object> kw = new LinkedHashMap<>(kwargs);
        if (context != null && !context.isEmpty()) {
            kw.put("context", context);
        }
        return kw;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Object r, String what) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : OdooValues.list(r, what)) {
            out.add(OdooValues.map(o, what));
        }
        return out;
    }
}
