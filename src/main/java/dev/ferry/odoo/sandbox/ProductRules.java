package dev.ferry.odoo.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What product's Python code does that a migration notices: a template without attributes gets one variant
 * ({@code product.product}) that shares its internal reference, name and archive state; a variant is shown as
 * {@code [CODE] Name}; and name search (also what {@code load} uses to resolve a product by name) tries the
 * internal reference before the name, as {@code product.product._name_search} does in 17, 18 and 19.
 */
final class ProductRules {
    /** Template fields its single variant carries as well (default_code is stored on both; name and active follow). */
    private static final List<String> SHARED = List.of("default_code", "name", "active", "barcode");
    private static final Pattern BRACKETED_CODE = Pattern.compile("\\[(.*?)]");
    private static final Set<String> POSITIVE = Set.of("=", "ilike", "=ilike", "like", "=like");

    private final Orm orm;

    ProductRules(Orm orm) {
        this.orm = orm;
    }

    private boolean applies() {
        return orm.schema.model("product.template") != null && orm.schema.model("product.product") != null;
    }

    /** After a template is created: its one variant, as product.template.create → _create_variant_ids does. */
    void templateCreated(long templateId, Ctx ctx) {
        if (!applies()) {
            return;
        }
        Map<String, Object> tmpl = orm.store.get("product.template", templateId);
        ModelInfo variant = orm.schema.model("product.product");
        Map<String, Object> row = new HashMap<>();
        row.put("product_tmpl_id", templateId);
        for (String f : SHARED) {
            if (variant.has(f) && tmpl.get(f) != null) {
                row.put(f, tmpl.get(f));
            }
        }
        String now = orm.now();
        row.put("create_date", now);
        row.put("write_date", now);
        row.put("create_uid", ctx.uid());
        row.put("write_uid", ctx.uid());
        orm.store.insert("product.product", orm.store.nextId("product.product"), row);
    }

    /** After a template is written: its variants follow the shared fields (the inverse of default_code and the related name). */
    void templateWritten(long templateId, Map<String, Object> changed) {
        if (!applies()) {
            return;
        }
        ModelInfo variant = orm.schema.model("product.product");
        for (long v : variants(templateId)) {
            for (String f : SHARED) {
                if (changed.containsKey(f) && variant.has(f)) {
                    orm.store.set("product.product", v, f, changed.get(f));
                }
            }
        }
    }

    List<Long> variants(long templateId) {
        List<Long> out = new ArrayList<>();
        for (var e : orm.store.table("product.product").entrySet()) {
            if (Long.valueOf(templateId).equals(e.getValue().get("product_tmpl_id"))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** {@code [CODE] Name} for a variant with an internal reference, else the name (product.product._compute_display_name). */
    String displayName(String model, Map<String, Object> row) {
        Object name = row.get("name");
        if (name == null && row.get("product_tmpl_id") instanceof Long t && orm.store.exists("product.template", t)) {
            name = orm.store.get("product.template", t).get("name");
        }
        Object code = row.get("default_code");
        if (name == null) {
            return null;
        }
        return code instanceof String c && !c.isEmpty() ? "[" + c + "] " + name : name.toString();
    }

    /** True for the models whose name search is product's own. */
    static boolean isProduct(String model) {
        return "product.product".equals(model) || "product.template".equals(model);
    }

    /**
     * product.product._name_search for a positive operator: an exact internal reference first, then the barcode,
     * then reference or name matching the operator, then a {@code [CODE]} inside the text. Negative operators
     * match neither reference nor name.
     */
    List<Long> nameSearch(Domain domain, ModelInfo m, String name, String operator, List<?> extra, Long limit, Ctx ctx) {
        List<Object> base = new ArrayList<>(extra == null ? List.of() : extra);
        if (name == null || name.isEmpty()) {
            return domain.search(m, base, 0, limit, null, ctx);
        }
        if (POSITIVE.contains(operator)) {
            List<Long> found = search(domain, m, base, "default_code", "=", name, limit, ctx);
            if (found.isEmpty() && m.has("barcode")) {
                found = search(domain, m, base, "barcode", "=", name, limit, ctx);
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        List<Long> found = new ArrayList<>(search(domain, m, base, "default_code", operator, name, limit, ctx));
        if (limit == null || found.size() < limit) {
            for (long id : search(domain, m, base, "name", operator, name, null, ctx)) {
                if (!found.contains(id) && (limit == null || found.size() < limit)) {
                    found.add(id);
                }
            }
        }
        if (found.isEmpty() && POSITIVE.contains(operator)) {
            Matcher code = BRACKETED_CODE.matcher(name);
            if (code.find()) {
                found = search(domain, m, base, "default_code", "=", code.group(1), limit, ctx);
            }
        }
        return found;
    }

    private static List<Long> search(Domain domain, ModelInfo m, List<Object> base, String field, String op, String value,
                                     Long limit, Ctx ctx) {
        if (!m.has(field)) {
            return List.of();
        }
        List<Object> d = new ArrayList<>(base);
        d.add(List.of(field, op, value));
        return domain.search(m, d, 0, limit, null, ctx);
    }
}
