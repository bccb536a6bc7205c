package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooField;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What res.partner's Python code does on create and write that a migration notices: contacts take their
 * parent's address and follow its changes, delivery/invoice/other addresses keep their own, and
 * complete_name / commercial_partner_id are recomputed down the tree (BEHAVIOUR.md, load section).
 */
final class PartnerRules {
    static final List<String> ADDRESS_FIELDS = List.of("street", "street2", "zip", "city", "state_id", "country_id");

    private final Schema schema;
    private final Store store;

    PartnerRules(Schema schema, Store store) {
        this.schema = schema;
        this.store = store;
    }

    /** A contact under a parent takes the parent's address when the parent has any (Odoo's onchange_parent_id). */
    void inheritParentAddress(ModelInfo m, Map<String, Object> row) {
        if (!"contact".equals(row.get("type")) || !(row.get("parent_id") instanceof Long parentId)) {
            return;
        }
        Map<String, Object> parent = store.get("res.partner", parentId);
        if (parent == null) {
            return;
        }
        boolean any = ADDRESS_FIELDS.stream().anyMatch(a -> m.has(a) && parent.get(a) != null);
        if (any) {
            for (String a : ADDRESS_FIELDS) {
                if (m.has(a)) {
                    row.put(a, parent.get(a));
                }
            }
        }
    }

    /** Contacts follow their parent's address changes (Odoo's _children_sync). */
    void syncChildrenAddress(ModelInfo m, long id, Map<String, Object> changed) {
        List<String> touched = ADDRESS_FIELDS.stream().filter(changed::containsKey).toList();
        if (touched.isEmpty()) {
            return;
        }
        for (var e : List.copyOf(store.table("res.partner").entrySet())) {
            Map<String, Object> child = e.getValue();
            if (Long.valueOf(id).equals(child.get("parent_id")) && "contact".equals(child.get("type"))) {
                for (String a : touched) {
                    store.set("res.partner", e.getKey(), a, changed.get(a));
                }
                syncChildrenAddress(m, e.getKey(), changed);
            }
        }
    }

    /** Recomputes complete_name and commercial_partner_id of a partner and its descendants. */
    void refreshPartner(long id) {
        refreshPartner(id, true);
    }

    /** As {@link #refreshPartner(long)}; a partner created a moment ago has no children to visit. */
    void refreshPartner(long id, boolean withChildren) {
        ModelInfo m = schema.model("res.partner");
        Map<String, Object> row = store.get("res.partner", id);
        if (row == null) {
            return;
        }
        if (m.has("commercial_partner_id")) {
            Long commercial = id;
            if (!Boolean.TRUE.equals(row.get("is_company")) && row.get("parent_id") instanceof Long p) {
                Map<String, Object> parent = store.get("res.partner", p);
                commercial = parent != null && parent.get("commercial_partner_id") instanceof Long c ? c : p;
            }
            if (!commercial.equals(row.get("commercial_partner_id"))) {
                store.set("res.partner", id, "commercial_partner_id", commercial);
            }
        }
        if (m.has("complete_name")) {
            String name = partnerCompleteName(m, row);
            if (!Objects.equals(name, row.get("complete_name"))) {
                store.set("res.partner", id, "complete_name", name);
            }
        }
        if (!withChildren) {
            return;
        }
        for (var e : List.copyOf(store.table("res.partner").entrySet())) {
            if (Long.valueOf(id).equals(e.getValue().get("parent_id")) && e.getKey() != id) {
                refreshPartner(e.getKey());
            }
        }
    }

    private String partnerCompleteName(ModelInfo m, Map<String, Object> row) {
        String name = row.get("name") instanceof String s ? s : "";
        if (row.get("parent_id") instanceof Long p) {
            String type = row.get("type") instanceof String t ? t : null;
            if (name.isEmpty() && type != null && List.of("invoice", "delivery", "other").contains(type)) {
                name = selectionLabel(m.field("type"), type);
            }
            if (!Boolean.TRUE.equals(row.get("is_company"))) {
                String company = null;
                Map<String, Object> parent = store.get("res.partner", p);
                if (parent != null && parent.get("commercial_partner_id") instanceof Long c) {
                    Map<String, Object> cp = store.get("res.partner", c);
                    if (cp != null && Boolean.TRUE.equals(cp.get("is_company")) && cp.get("name") instanceof String cn) {
                        company = cn;
                    }
                }
                if (company == null && parent != null && parent.get("name") instanceof String pn) {
                    company = pn;
                }
                name = (company == null ? "" : company) + ", " + name;
            }
        }
        name = name.strip();
        return name.isEmpty() ? null : name;
    }

    static String selectionLabel(OdooField f, String key) {
        for (OdooField.Choice c : f.selection()) {
            if (c.key().equals(key)) {
                return c.label();
            }
        }
        return key;
    }
}
