package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooField;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Odoo domains: prefix-notation {@code '&'}, {@code '|'}, {@code '!'} over leaves {@code [path, operator, value]},
 * implicit AND, dotted paths through relations, {@code active_test}, and ordering with PostgreSQL's null order.
 */
final class Domain {
    private static final Set<String> OPERATORS = Set.of("=", "!=", "<>", "<", ">", "<=", ">=", "=?", "like", "not like",
            "ilike", "not ilike", "=like", "=ilike", "in", "not in", "child_of", "parent_of");

    private sealed interface Node permits And, Or, Not, Leaf, Const {
    }

    private record And(Node a, Node b) implements Node {
    }

    private record Or(Node a, Node b) implements Node {
    }

    private record Not(Node a) implements Node {
    }

    private record Const(boolean value) implements Node {
    }

    private record Leaf(List<String> path, String op, Object value) implements Node {
    }

    private final Orm orm;

    Domain(Orm orm) {
        this.orm = orm;
    }

    List<Long> search(ModelInfo m, List<?> domain, long offset, Long limit, String order, Ctx ctx) {
        Node node = parse(m, domain == null ? List.of() : domain);
        if (m.has("active") && !Boolean.FALSE.equals(ctx.get("active_test")) && !mentions(node, "active")) {
            node = new And(node, new Leaf(List.of("active"), "=", Boolean.TRUE));
        }
        List<Long> ids = new ArrayList<>();
        for (var e : orm.store.table(m.name()).entrySet()) {
            if (eval(m, e.getKey(), e.getValue(), node)) {
                ids.add(e.getKey());
            }
        }
        ids.sort(comparator(m, order == null || order.isBlank() ? m.order() : order));
        int from = (int) Math.min(offset, ids.size());
        int to = limit == null ? ids.size() : (int) Math.min(ids.size(), from + limit);
        return new ArrayList<>(ids.subList(from, to));
    }

    // ------------------------------------------------------------------ parsing

    private Node parse(ModelInfo m, List<?> domain) {
        Deque<Node> stack = new ArrayDeque<>();
        for (int i = domain.size() - 1; i >= 0; i--) {
            Object token = domain.get(i);
            if ("&".equals(token) || "|".equals(token)) {
                if (stack.size() < 2) {
                    throw OdooError.python("ValueError", "Domain " + PythonRepr.of(domain) + " is syntactically not correct.");
                }
                Node a = stack.pop();
                Node b = stack.pop();
                stack.push("&".equals(token) ? new And(a, b) : new Or(a, b));
            } else if ("!".equals(token)) {
                if (stack.isEmpty()) {
                    throw OdooError.python("ValueError", "Domain " + PythonRepr.of(domain) + " is syntactically not correct.");
                }
                stack.push(new Not(stack.pop()));
            } else {
                stack.push(leaf(m, token));
            }
        }
        Node result = new Const(true);
        while (!stack.isEmpty()) {
            Node n = stack.pollLast();
            result = result instanceof Const c && c.value() ? n : new And(n, result);
        }
        return result;
    }

    private Node leaf(ModelInfo m, Object token) {
        if (!(token instanceof List<?> l) || l.size() != 3) {
            throw OdooError.python("ValueError", "Invalid leaf " + PythonRepr.of(token));
        }
        if (Long.valueOf(1).equals(l.get(0)) && "=".equals(l.get(1)) && Long.valueOf(1).equals(l.get(2))) {
            return new Const(true);
        }
        if (Long.valueOf(0).equals(l.get(0)) && "=".equals(l.get(1)) && Long.valueOf(1).equals(l.get(2))) {
            return new Const(false);
        }
        if (!(l.get(0) instanceof String path) || !(l.get(1) instanceof String op)) {
            throw OdooError.python("ValueError", "Invalid leaf " + PythonRepr.tuple(l));
        }
        String opLower = op.toLowerCase(Locale.ROOT);
        if (!OPERATORS.contains(opLower)) {
            throw OdooError.python("ValueError", "Invalid leaf " + PythonRepr.tuple(l));
        }
        List<String> parts = List.of(path.split("\\."));
        ModelInfo current = m;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (current == null || !current.has(p)) {
                throw orm.dialect.invalidDomainField(current == null ? m.name() : current.name(), p, PythonRepr.tuple(l));
            }
            OdooField f = current.field(p);
            current = i < parts.size() - 1 && f.relation() != null ? orm.schema.model(f.relation()) : null;
        }
        return new Leaf(parts, opLower, l.get(2));
    }

    private static boolean mentions(Node n, String field) {
        if (n instanceof And a) {
            return mentions(a.a(), field) || mentions(a.b(), field);
        }
        if (n instanceof Or o) {
            return mentions(o.a(), field) || mentions(o.b(), field);
        }
        if (n instanceof Not x) {
            return mentions(x.a(), field);
        }
        return n instanceof Leaf l && l.path().get(0).equals(field);
    }

    // ------------------------------------------------------------------ evaluation

    private boolean eval(ModelInfo m, long id, Map<String, Object> row, Node n) {
        if (n instanceof And a) {
            return eval(m, id, row, a.a()) && eval(m, id, row, a.b());
        }
        if (n instanceof Or o) {
            return eval(m, id, row, o.a()) || eval(m, id, row, o.b());
        }
        if (n instanceof Not x) {
            return !eval(m, id, row, x.a());
        }
        if (n instanceof Const c) {
            return c.value();
        }
        Leaf l = (Leaf) n;
        return leaf(m, id, row, l.path(), l.op(), l.value());
    }

    private boolean leaf(ModelInfo m, long id, Map<String, Object> row, List<String> path, String op, Object rhs) {
        OdooField f = m.field(path.get(0));
        if (path.size() > 1) {
            ModelInfo co = orm.schema.model(f.relation());
            List<Long> targets = "many2one".equals(f.type())
                    ? (row.get(f.name()) instanceof Long t ? List.of(t) : List.of())
                    : relatedIds(m, f, id, row);
            for (long t : targets) {
                Map<String, Object> r = orm.store.get(co.name(), t);
                if (r != null && leaf(co, t, r, path.subList(1, path.size()), op, rhs)) {
                    return true;
                }
            }
            return false;
        }
        if ("id".equals(f.name())) {
            return compareScalar(id, op, rhs, f, m);
        }
        switch (f.type()) {
            case "many2one" -> {
                Long v = row.get(f.name()) instanceof Long t ? t : null;
                if (isText(rhs) && !"in".equals(op) && !"not in".equals(op)) {
                    String name = v == null ? null : orm.displayName(f.relation(), v);
                    return compareScalar(name, op, rhs, f, m);
                }
                if ("child_of".equals(op) || "parent_of".equals(op)) {
                    return v != null && hierarchy(orm.schema.model(f.relation()), v, op, rhs);
                }
                return compareScalar(v, op, rhs, f, m);
            }
            case "one2many", "many2many" -> {
                List<Long> v = relatedIds(m, f, id, row);
                return compareMany(f, v, op, rhs, m);
            }
            case "boolean" -> {
                Object v = Boolean.TRUE.equals(row.get(f.name()));
                return compareScalar(v, op, rhs == null ? Boolean.FALSE : rhs, f, m);
            }
            default -> {
                return compareScalar(row.get(f.name()), op, rhs, f, m);
            }
        }
    }

    private List<Long> relatedIds(ModelInfo m, OdooField f, long id, Map<String, Object> row) {
        return "one2many".equals(f.type()) ? orm.one2manyIds(m, f, id) : Orm.ids(row.get(f.name()));
    }

    private boolean compareMany(OdooField f, List<Long> v, String op, Object rhs, ModelInfo m) {
        boolean negative = op.equals("!=") || op.equals("<>") || op.startsWith("not ");
        String positive = switch (op) {
            case "!=", "<>" -> "=";
            case "not in" -> "in";
            case "not like" -> "like";
            case "not ilike" -> "ilike";
            default -> op;
        };
        boolean r;
        if (rhs == null || Boolean.FALSE.equals(rhs)) {
            r = v.isEmpty();
        } else if (isText(rhs)) {
            r = v.stream().anyMatch(t -> compareScalar(orm.displayName(f.relation(), t), positive, rhs, f, m));
        } else {
            List<?> wanted = rhs instanceof List<?> l ? l : List.of(rhs);
            r = v.stream().anyMatch(t -> wanted.stream().anyMatch(w -> w instanceof Number n && n.longValue() == t));
        }
        return negative != r;
    }

    private boolean hierarchy(ModelInfo m, long id, String op, Object rhs) {
        Set<Long> wanted = new HashSet<>();
        for (Object o : rhs instanceof List<?> l ? l : List.of(rhs)) {
            if (o instanceof Number n) {
                wanted.add(n.longValue());
            }
        }
        if ("child_of".equals(op)) {
            Long cur = id;
            Set<Long> seen = new HashSet<>();
            while (cur != null && seen.add(cur)) {
                if (wanted.contains(cur)) {
                    return true;
                }
                Map<String, Object> r = orm.store.get(m.name(), cur);
                cur = r != null && r.get("parent_id") instanceof Long p ? p : null;
            }
            return false;
        }
        for (long w : wanted) {
            if (hierarchy(m, w, "child_of", List.of(id))) {
                return true;
            }
        }
        return false;
    }

    private boolean compareScalar(Object v, String op, Object rhs, OdooField f, ModelInfo m) {
        switch (op) {
            case "=" -> {
                return isEmpty(rhs) ? isEmpty(v) : equal(v, rhs);
            }
            case "!=", "<>" -> {
                return !compareScalar(v, "=", rhs, f, m);
            }
            case "=?" -> {
                return isEmpty(rhs) || compareScalar(v, "=", rhs, f, m);
            }
            case "<", ">", "<=", ">=" -> {
                if (v == null || isEmpty(rhs)) {
                    return false;
                }
                int c = compare(v, rhs);
                return switch (op) {
                    case "<" -> c < 0;
                    case ">" -> c > 0;
                    case "<=" -> c <= 0;
                    default -> c >= 0;
                };
            }
            case "like", "ilike", "=like", "=ilike" -> {
                if (v == null) {
                    return false;
                }
                String pattern = op.startsWith("=") ? String.valueOf(rhs) : "%" + rhs + "%";
                return like(String.valueOf(v), pattern, op.contains("ilike"));
            }
            case "not like", "not ilike" -> {
                return v == null || !compareScalar(v, op.substring(4), rhs, f, m);
            }
            case "in", "not in" -> {
                List<?> list = rhs instanceof List<?> l ? l : List.of(rhs == null ? Boolean.FALSE : rhs);
                boolean found = false;
                for (Object o : list) {
                    if (isEmpty(o) ? isEmpty(v) : equal(v, o)) {
                        found = true;
                        break;
                    }
                }
                return "in".equals(op) == found;
            }
            case "child_of", "parent_of" -> {
                return v instanceof Long id && hierarchy(m, id, op, rhs);
            }
            default -> throw OdooError.python("ValueError", "Invalid operator " + PythonRepr.of(op));
        }
    }

    private static boolean isText(Object rhs) {
        if (rhs instanceof String) {
            return true;
        }
        return rhs instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(o -> o instanceof String);
    }

    private static boolean isEmpty(Object v) {
        return v == null || Boolean.FALSE.equals(v);
    }

    private static boolean equal(Object v, Object rhs) {
        if (v == null) {
            return false;
        }
        if (v instanceof Number a && rhs instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return v.equals(rhs);
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character. */
    static boolean like(String value, String pattern, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '%' -> re.append(".*");
                case '_' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(re.toString(), flags).matcher(value).matches();
    }

    // ------------------------------------------------------------------ order

    private Comparator<Long> comparator(ModelInfo m, String order) {
        Comparator<Long> result = null;
        for (String part : order.split(",")) {
            String[] words = part.strip().split("\\s+");
            String field = words[0];
            boolean desc = words.length > 1 && "desc".equalsIgnoreCase(words[1]);
            if (!m.has(field) || words.length > 3) {
                throw OdooError.python("ValueError", "Invalid \"order\" specified (" + order + "). A valid \"order\""
                        + " specification is a comma-separated list of valid field names (optionally followed by asc/desc"
                        + " for the direction)");
            }
            OdooField f = m.field(field);
            Comparator<Long> c = (x, y) -> {
                Object a = sortKey(m, f, x);
                Object b = sortKey(m, f, y);
                // PostgreSQL puts nulls last ascending and first descending.
                if (a == null || b == null) {
                    int n = a == null ? (b == null ? 0 : 1) : -1;
                    return desc ? -n : n;
                }
                int r = a instanceof Number na && b instanceof Number nb ? Double.compare(na.doubleValue(), nb.doubleValue())
                        : a instanceof Boolean ba && b instanceof Boolean bb ? Boolean.compare(ba, bb)
                        : String.valueOf(a).compareTo(String.valueOf(b));
                return desc ? -r : r;
            };
            result = result == null ? c : result.thenComparing(c);
        }
        return result == null ? Comparator.naturalOrder() : result.thenComparing(Comparator.naturalOrder());
    }

    private Object sortKey(ModelInfo m, OdooField f, long id) {
        if ("id".equals(f.name())) {
            return id;
        }
        Object v = orm.store.get(m.name(), id).get(f.name());
        if ("many2one".equals(f.type()) && v instanceof Long t) {
            return orm.displayName(f.relation(), t);
        }
        if ("boolean".equals(f.type())) {
            return Boolean.TRUE.equals(v);
        }
        return v instanceof List<?> ? null : v;
    }
}
