package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.catalog.OdooField;
import dev.ferry.catalog.OdooModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The sandbox's models: the catalog's, completed with the few base models the sandbox seeds when a catalog
 * lacks them (e.g. {@code mail.message.subtype} is not in the shared dumps), and with the facts Odoo keeps in
 * Python rather than in {@code fields_get}.
 */
final class Schema {
    /** {@code _description} of common models; the sandbox falls back to the technical name. */
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("res.partner", "Contact"),
            Map.entry("res.partner.category", "Partner Tags"),
            Map.entry("res.partner.industry", "Industry"),
            Map.entry("res.partner.bank", "Bank Accounts"),
            Map.entry("res.users", "User"),
            Map.entry("res.company", "Companies"),
            Map.entry("res.country", "Country"),
            Map.entry("res.country.state", "Country state"),
            Map.entry("res.currency", "Currency"),
            Map.entry("crm.lead", "Lead/Opportunity"),
            Map.entry("crm.tag", "CRM Tag"),
            Map.entry("crm.stage", "CRM Stages"),
            Map.entry("crm.team", "Sales Team"),
            Map.entry("crm.lost.reason", "Opp. Lost Reason"),
            Map.entry("sale.order", "Sales Order"),
            Map.entry("sale.order.line", "Sales Order Line"),
            Map.entry("purchase.order", "Purchase Order"),
            Map.entry("purchase.order.line", "Purchase Order Line"),
            Map.entry("project.project", "Project"),
            Map.entry("project.task", "Task"),
            Map.entry("project.tags", "Project Tags"),
            Map.entry("product.product", "Product Variant"),
            Map.entry("product.template", "Product"),
            Map.entry("product.category", "Product Category"),
            Map.entry("hr.employee", "Employee"),
            Map.entry("hr.department", "Department"),
            Map.entry("account.move", "Journal Entry"),
            Map.entry("account.move.line", "Journal Item"),
            Map.entry("calendar.event", "Calendar Event"),
            Map.entry("mail.activity", "Activity"),
            Map.entry("mail.activity.type", "Activity Type"),
            Map.entry("mail.message", "Message"),
            Map.entry("mail.message.subtype", "Message subtypes"),
            Map.entry("ir.model", "Models"),
            Map.entry("ir.model.data", "Model Data"));

    /** Models whose shown name is not {@code name}. */
    private static final Map<String, String> REC_NAMES = Map.of(
            "res.partner", "complete_name",
            "mail.activity", "summary",
            "mail.message", "record_name",
            "res.partner.bank", "acc_number",
            "ir.model.data", "complete_name");

    private static final Map<String, List<String>> NAME_SEARCH = Map.of(
            "res.partner", List.of("complete_name", "email", "ref", "vat", "company_registry"),
            "res.country", List.of("name", "code"),
            "res.country.state", List.of("name", "code"),
            "res.users", List.of("name", "login"),
            "product.product", List.of("default_code", "name"),
            "product.template", List.of("default_code", "name"));

    private static final Map<String, String> ORDERS = Map.of(
            "res.partner", "complete_name asc, id desc",
            "res.country", "name asc",
            "res.country.state", "code asc",
            "res.currency", "name asc",
            "mail.message", "id desc",
            "mail.activity", "date_deadline asc, id asc",
            "crm.stage", "sequence asc, name asc, id asc",
            "ir.model", "model asc");

    /** One2many fields whose inverse the name rules below cannot guess. */
    private static final Map<String, String> KNOWN_INVERSES = Map.of(
            "res.partner.child_ids", "parent_id",
            "res.partner.category.child_ids", "parent_id",
            "product.category.child_id", "parent_id");

    private final Map<String, ModelInfo> models = new TreeMap<>();

    Schema(OdooCatalog catalog) {
        Map<String, SortedMap<String, OdooField>> defs = new TreeMap<>();
        for (OdooModel m : catalog.models().values()) {
            defs.put(m.name(), new TreeMap<>(m.fields()));
        }
        addBuiltins(defs);
        for (var e : defs.entrySet()) {
            addMagicFields(e.getValue());
        }
        for (var e : defs.entrySet()) {
            String name = e.getKey();
            SortedMap<String, OdooField> fields = e.getValue();
            String recName = REC_NAMES.getOrDefault(name, fields.containsKey("name") ? "name" : null);
            if (recName != null && !fields.containsKey(recName)) {
                recName = fields.containsKey("name") ? "name" : null;
            }
            List<String> search = new ArrayList<>();
            for (String f : NAME_SEARCH.getOrDefault(name, recName == null ? List.of() : List.of(recName))) {
                if (fields.containsKey(f)) {
                    search.add(f);
                }
            }
            models.put(name, new ModelInfo(name, fields, DESCRIPTIONS.getOrDefault(name, name), recName,
                    List.copyOf(search), ORDERS.getOrDefault(name, "id asc"), inverses(name, fields, defs)));
        }
    }

    ModelInfo model(String name) {
        return models.get(name);
    }

    Collection<ModelInfo> models() {
        return models.values();
    }

    /** Finds, for each one2many, the many2one on the comodel that points back (Odoo's inverse_name). */
    private static Map<String, String> inverses(String model, Map<String, OdooField> fields,
                                                Map<String, SortedMap<String, OdooField>> defs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (OdooField f : fields.values()) {
            if (!"one2many".equals(f.type()) || !defs.containsKey(f.relation())) {
                continue;
            }
            Map<String, OdooField> co = defs.get(f.relation());
            List<String> candidates = new ArrayList<>();
            for (OdooField c : co.values()) {
                if ("many2one".equals(c.type()) && model.equals(c.relation()) && c.stored()
                        && !c.name().equals("create_uid") && !c.name().equals("write_uid")) {
                    candidates.add(c.name());
                }
            }
            String known = KNOWN_INVERSES.get(model + "." + f.name());
            String lastSegment = model.substring(model.lastIndexOf('.') + 1) + "_id";
            String fromName = f.name().endsWith("_ids") ? f.name().substring(0, f.name().length() - 4) + "_id" : null;
            String pick = null;
            if (known != null && candidates.contains(known)) {
                pick = known;
            } else if (candidates.size() == 1) {
                pick = candidates.get(0);
            } else if (fromName != null && candidates.contains(fromName)) {
                pick = fromName;
            } else if (candidates.contains(lastSegment)) {
                pick = lastSegment;
            } else if (candidates.contains("res_id")) {
                pick = "res_id";
            }
            if (pick != null) {
                out.put(f.name(), pick);
            }
        }
        return out;
    }

    private static void addMagicFields(SortedMap<String, OdooField> fields) {
        fields.putIfAbsent("id", field("id", "integer", "ID", false, true, true, null));
        fields.putIfAbsent("display_name", field("display_name", "char", "Display Name", false, true, false, null));
        fields.putIfAbsent("create_date", field("create_date", "datetime", "Created on", false, true, true, null));
        fields.putIfAbsent("write_date", field("write_date", "datetime", "Last Updated on", false, true, true, null));
        fields.putIfAbsent("create_uid", field("create_uid", "many2one", "Created by", false, true, true, "res.users"));
        fields.putIfAbsent("write_uid", field("write_uid", "many2one", "Last Updated by", false, true, true, "res.users"));
    }

    private static OdooField field(String name, String type, String label, boolean required, boolean readonly,
                                   boolean stored, String relation) {
        return new OdooField(name, type, label, required, readonly, stored, relation, List.of());
    }

    private static OdooField selection(String name, String label, String... keysAndLabels) {
        List<OdooField.Choice> choices = new ArrayList<>();
        for (int i = 0; i < keysAndLabels.length; i += 2) {
            choices.add(new OdooField.Choice(keysAndLabels[i], keysAndLabels[i + 1]));
        }
        return new OdooField(name, "selection", label, false, false, true, null, List.copyOf(choices));
    }

    /** Minimal definitions of the base models the sandbox seeds, used only when the catalog lacks one. */
    private static void addBuiltins(Map<String, SortedMap<String, OdooField>> defs) {
        builtin(defs, "ir.model.data",
                field("module", "char", "Module", true, false, true, null),
                field("name", "char", "External Identifier", true, false, true, null),
                field("model", "char", "Model Name", true, false, true, null),
                field("res_id", "many2one_reference", "Record ID", false, false, true, null),
                field("noupdate", "boolean", "Non Updatable", false, false, true, null),
                field("complete_name", "char", "Complete ID", false, true, false, null));
        builtin(defs, "ir.model",
                field("model", "char", "Model", true, false, true, null),
                field("name", "char", "Model Description", true, false, true, null),
                field("transient", "boolean", "Transient Model", false, false, true, null));
        builtin(defs, "res.currency",
                field("name", "char", "Currency", true, false, true, null),
                field("symbol", "char", "Symbol", true, false, true, null),
                field("full_name", "char", "Name", false, false, true, null),
                field("active", "boolean", "Active", false, false, true, null));
        builtin(defs, "res.country",
                field("name", "char", "Country Name", true, false, true, null),
                field("code", "char", "Country Code", true, false, true, null),
                field("currency_id", "many2one", "Currency", false, false, true, "res.currency"));
        builtin(defs, "res.country.state",
                field("name", "char", "State Name", true, false, true, null),
                field("code", "char", "State Code", true, false, true, null),
                field("country_id", "many2one", "Country", true, false, true, "res.country"));
        builtin(defs, "res.partner",
                field("name", "char", "Name", false, false, true, null),
                field("complete_name", "char", "Complete Name", false, true, true, null),
                selection("type", "Address Type", "contact", "Contact", "invoice", "Invoice Address",
                        "delivery", "Delivery Address", "other", "Other Address"),
                field("parent_id", "many2one", "Related Company", false, false, true, "res.partner"),
                field("child_ids", "one2many", "Contact", false, false, true, "res.partner"),
                field("commercial_partner_id", "many2one", "Commercial Entity", false, true, true, "res.partner"),
                field("is_company", "boolean", "Is a Company", false, false, true, null),
                field("active", "boolean", "Active", false, false, true, null),
                field("email", "char", "Email", false, false, true, null),
                field("phone", "char", "Phone", false, false, true, null),
                field("street", "char", "Street", false, false, true, null),
                field("street2", "char", "Street2", false, false, true, null),
                field("zip", "char", "Zip", false, false, true, null),
                field("city", "char", "City", false, false, true, null),
                field("state_id", "many2one", "State", false, false, true, "res.country.state"),
                field("country_id", "many2one", "Country", false, false, true, "res.country"),
                field("company_id", "many2one", "Company", false, false, true, "res.company"),
                field("ref", "char", "Reference", false, false, true, null),
                field("vat", "char", "Tax ID", false, false, true, null));
        builtin(defs, "res.company",
                field("name", "char", "Company Name", true, false, true, null),
                field("partner_id", "many2one", "Partner", true, false, true, "res.partner"),
                field("currency_id", "many2one", "Currency", true, false, true, "res.currency"));
        builtin(defs, "res.users",
                field("login", "char", "Login", true, false, true, null),
                field("name", "char", "Name", false, false, true, null),
                field("partner_id", "many2one", "Related Partner", true, false, true, "res.partner"),
                field("company_id", "many2one", "Company", true, false, true, "res.company"),
                field("active", "boolean", "Active", false, false, true, null));
        builtin(defs, "mail.activity.type",
                field("name", "char", "Name", true, false, true, null),
                selection("category", "Action", "default", "None", "upload_file", "Upload Document",
                        "phonecall", "Phonecall", "meeting", "Meeting"),
                field("sequence", "integer", "Sequence", false, false, true, null),
                field("active", "boolean", "Active", false, false, true, null));
        builtin(defs, "mail.message.subtype",
                field("name", "char", "Message Type", true, false, true, null),
                field("description", "text", "Description", false, false, true, null),
                field("internal", "boolean", "Internal Only", false, false, true, null),
                field("default", "boolean", "Default", false, false, true, null),
                field("sequence", "integer", "Sequence", false, false, true, null),
                field("res_model", "char", "Model", false, false, true, null));
    }

    private static void builtin(Map<String, SortedMap<String, OdooField>> defs, String model, OdooField... fields) {
        if (defs.containsKey(model)) {
            return;
        }
        SortedMap<String, OdooField> m = new TreeMap<>();
        for (OdooField f : fields) {
            m.put(f.name(), f);
        }
        defs.put(model, m);
    }
}
