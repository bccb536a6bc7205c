package dev.ferry.odoo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an XML-RPC style call (positional args, kwargs) into JSON-2's named arguments. JSON-2 has no
 * positional arguments, so the parameter names of the ORM methods a writer uses are listed here, in Odoo's
 * order, as BaseModel declares them on 19.0 (catalogs/odoo/19.0/methods.yaml); record methods take their ids as
 * {@code ids}. A model that overrides a method with other names is called through
 * {@link OdooClient#executeOnModel}, which names the arguments from the catalog's facts.
 */
final class Json2Arguments {
    /** Parameter names in positional order; a leading "ids" marks a record method. */
    private static final Map<String, List<String>> PARAMETERS = Map.ofEntries(
            Map.entry("create", List.of("vals_list")),
            Map.entry("write", List.of("ids", "vals")),
            Map.entry("unlink", List.of("ids")),
            Map.entry("read", List.of("ids", "fields", "load")),
            Map.entry("exists", List.of("ids")),
            Map.entry("copy", List.of("ids", "default")),
            Map.entry("search", List.of("domain", "offset", "limit", "order")),
            Map.entry("search_read", List.of("domain", "fields", "offset", "limit", "order")),
            Map.entry("search_count", List.of("domain", "limit")),
            Map.entry("fields_get", List.of("allfields", "attributes")),
            Map.entry("load", List.of("fields", "data")),
            Map.entry("name_search", List.of("name", "domain", "operator", "limit")),
            Map.entry("name_create", List.of("name")),
            Map.entry("default_get", List.of("fields")));

    private Json2Arguments() {
    }

    static Map<String, Object> named(String model, String method, List<?> args, Map<String, ?> kwargs) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<?> positional = args == null ? List.of() : args;
        List<String> names = PARAMETERS.get(method);
        if (names == null) {
            // Unknown (e.g. action_confirm): by Odoo's convention a record method's first positional is its ids.
            if (positional.size() > 1 || (positional.size() == 1 && !isIds(positional.get(0)))) {
                throw new IllegalArgumentException("JSON-2 call " + model + "." + method + " got " + positional.size()
                        + " positional argument(s); expected at most the ids first, with every other argument named in kwargs");
            }
            names = List.of("ids");
        }
        if (positional.size() > names.size()) {
            throw new IllegalArgumentException("JSON-2 call " + model + "." + method + " got " + positional.size()
                    + " positional arguments; expected at most " + names.size() + " (" + String.join(", ", names) + ")");
        }
        for (int i = 0; i < positional.size(); i++) {
            Object v = positional.get(i);
            if (v != null) {
                body.put(names.get(i), "ids".equals(names.get(i)) ? idList(v) : v);
            }
        }
        if (kwargs != null) {
            for (Map.Entry<String, ?> e : kwargs.entrySet()) {
                if (body.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("JSON-2 call " + model + "." + method + " got argument '"
                            + e.getKey() + "' both positionally and by name");
                }
                body.put(e.getKey(), e.getValue());
            }
        }
        return body;
    }

    private static boolean isIds(Object v) {
        if (v instanceof Number) {
            return true;
        }
        if (v instanceof Collection<?> c) {
            return c.stream().allMatch(o -> o instanceof Number);
        }
        return false;
    }

    private static Object idList(Object v) {
        if (v instanceof Number n) {
            return List.of(n.longValue());
        }
        return v instanceof Collection<?> c ? new ArrayList<>(c) : v;
    }
}
