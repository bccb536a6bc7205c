package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooField;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a fresh Odoo database (no demo data, company in the US) has that migrations point at, with
 * Odoo's own external ids: the company and admin, currencies, countries and states (ids of {@code base}'s
 * data files), activity types and message subtypes, and one {@code ir.model} row per model.
 */
final class BaseData {
    private final Orm orm;
    private final Ctx ctx;

    BaseData(Orm orm, long uid) {
        this.orm = orm;
        this.ctx = new Ctx(Map.of("tracking_disable", true), uid);
    }

    void seed() {
        put("res.currency", 2L, "base.USD", "name", "USD", "symbol", "$", "full_name", "United States dollar",
                "position", "before", "active", true);
        put("res.currency", 3L, "base.CAD", "name", "CAD", "symbol", "$", "full_name", "Canadian dollar",
                "position", "before", "active", true);
        put("res.country", 13L, "base.au", "name", "Australia", "code", "AU", "phone_code", 61L);
        put("res.country", 38L, "base.ca", "name", "Canada", "code", "CA", "currency_id", 3L, "phone_code", 1L);
        put("res.country", 233L, "base.us", "name", "United States", "code", "US", "currency_id", 2L, "phone_code", 1L);
        put("res.country.state", 1L, "base.state_ca_on", "name", "Ontario", "code", "ON", "country_id", 38L);
        put("res.country.state", 2L, "base.state_ca_qc", "name", "Quebec", "code", "QC", "country_id", 38L);
        put("res.country.state", 3L, "base.state_ca_bc", "name", "British Columbia", "code", "BC", "country_id", 38L);
        put("res.country.state", 4L, "base.state_ca_ab", "name", "Alberta", "code", "AB", "country_id", 38L);
        put("res.country.state", 5L, "base.state_ca_ns", "name", "Nova Scotia", "code", "NS", "country_id", 38L);
        // base's res.country.state.csv numbers US states; New York is state_us_27, Michigan state_us_35.
        put("res.country.state", 6L, "base.state_us_27", "name", "New York", "code", "NY", "country_id", 233L);
        put("res.country.state", 7L, "base.state_us_35", "name", "Michigan", "code", "MI", "country_id", 233L);
        put("res.partner", 1L, "base.main_partner", "name", "My Company", "is_company", true, "type", "contact",
                "country_id", 233L, "active", true, "company_id", 1L);
        put("res.partner", 2L, "base.partner_root", "name", "OdooBot", "type", "contact", "active", false);
        put("res.partner", 3L, "base.partner_admin", "name", "Administrator", "type", "contact", "active", true,
                "company_id", 1L);
        put("res.company", 1L, "base.main_company", "name", "My Company", "partner_id", 1L, "currency_id", 2L);
        put("res.users", 1L, "base.user_root", "login", "__system__", "name", "OdooBot", "partner_id", 2L,
                "company_id", 1L, "active", false);
        put("res.users", 2L, "base.user_admin", "login", "admin", "name", "Administrator", "partner_id", 3L,
                "company_id", 1L, "company_ids", List.of(1L), "active", true);
        for (long p = 1; p <= 3; p++) {
            if (orm.store.exists("res.partner", p)) {
                orm.partners.refreshPartner(p);
            }
        }
        long irModel = 1;
        for (ModelInfo m : orm.schema.models()) {
            put("ir.model", irModel++, moduleOf(m.name()) + ".model_" + m.name().replace('.', '_'),
                    "model", m.name(), "name", m.description(), "transient", false, "order", m.order(),
                    "is_mail_thread", m.isMailThread(), "is_mail_activity", m.has("activity_ids"));
        }
        put("mail.message.subtype", 1L, "mail.mt_comment", "name", "Discussions", "internal", false, "default", true,
                "sequence", 0L);
        put("mail.message.subtype", 2L, "mail.mt_note", "name", "Note", "internal", true, "default", false,
                "sequence", 100L);
        put("mail.activity.type", 1L, "mail.mail_activity_data_email", "name", "Email", "category", "default",
                "icon", "fa-envelope", "sequence", 5L, "active", true, "chaining_type", "suggest",
                "delay_unit", "days", "delay_from", "previous_activity");
        put("mail.activity.type", 2L, "mail.mail_activity_data_call", "name", "Call", "category", "phonecall",
                "icon", "fa-phone", "sequence", 6L, "active", true, "chaining_type", "suggest",
                "delay_unit", "days", "delay_from", "previous_activity");
        put("mail.activity.type", 3L, "mail.mail_activity_data_meeting", "name", "Meeting", "category", "meeting",
                "icon", "fa-users", "sequence", 3L, "active", true, "chaining_type", "suggest",
                "delay_unit", "days", "delay_from", "previous_activity");
        put("mail.activity.type", 4L, "mail.mail_activity_data_todo", "name", "To-Do", "category", "default",
                "icon", "fa-check", "sequence", 4L, "active", true, "chaining_type", "suggest",
                "delay_unit", "days", "delay_from", "previous_activity");
        put("product.category", 1L, "product.product_category_all", "name", "All");
    }

    /** The module whose data file defines a model's ir.model row, e.g. crm for crm.lead. */
    static String moduleOf(String model) {
        if (model.startsWith("res.") || model.startsWith("ir.")) {
            return "base";
        }
        if (model.startsWith("account.analytic")) {
            return "analytic";
        }
        if (model.startsWith("hr.expense")) {
            return "hr_expense";
        }
        if (model.equals("sale.order.template")) {
            return "sale_management";
        }
        return model.substring(0, model.indexOf('.') < 0 ? model.length() : model.indexOf('.'));
    }

    /** Inserts one record with a fixed id and an external id, keeping only fields the model has. */
    private void put(String model, long id, String xmlid, Object... fieldsAndValues) {
        ModelInfo m = orm.schema.model(model);
        if (m == null) {
            return;
        }
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            String f = (String) fieldsAndValues[i];
            Object v = fieldsAndValues[i + 1];
            OdooField field = m.field(f);
            if (field == null || "selection".equals(field.type()) && !field.hasChoice(String.valueOf(v))) {
                continue;
            }
            if ("many2one".equals(field.type()) && (orm.schema.model(field.relation()) == null
                    || !orm.store.exists(field.relation(), (Long) v) && !field.relation().equals(model)
                    && !"res.company".equals(field.relation()))) {
                continue;
            }
            row.put(f, v);
        }
        String now = orm.now();
        row.put("create_date", now);
        row.put("write_date", now);
        row.put("create_uid", 1L);
        row.put("write_uid", 1L);
        orm.store.reserve(model, id);
        orm.store.insert(model, id, row);
        int dot = xmlid.indexOf('.');
        orm.setXmlid(xmlid.substring(0, dot), xmlid.substring(dot + 1), model, id, true, ctx);
    }
}
