package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooField;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a fresh Odoo database (no demo data, company in the US, the modules of BEHAVIOUR.md) has that
 * migrations point at, with Odoo's own external ids: the company and admin, currencies, countries and states (ids
 * of {@code base}'s data files), activity types and message subtypes, one {@code ir.model} row per model, and
 * what the installed modules' data files add (see {@link #seedModuleData}).
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
        seedModuleData();
    }

    /**
     * Records the data files of the modules BEHAVIOUR.md lists (crm, sale_management, stock, account with the
     * generic chart of accounts, ...) create at installation, with their external ids and English names as in those
     * files; database ids are the sandbox's own. Only what migrations point at: countries and states beyond the
     * company's, units of measure, CRM stages and the sales team, lead sources, payment terms, the main warehouse,
     * and the generic chart's sale and purchase taxes.
     */
    private void seedModuleData() {
        put("res.country", 171L, "base.nz", "name", "New Zealand", "code", "NZ", "phone_code", 64L);
        // base's res.country.state.csv: the Australian states and territories are its first rows.
        String[][] au = {{"1", "Australian Capital Territory", "ACT"}, {"2", "New South Wales", "NSW"},
            {"3", "Northern Territory", "NT"}, {"4", "Queensland", "QLD"}, {"5", "South Australia", "SA"},
            {"6", "Tasmania", "TAS"}, {"7", "Victoria", "VIC"}, {"8", "Western Australia", "WA"}};
        for (String[] s : au) {
            put("res.country.state", 7L + Long.parseLong(s[0]), "base.state_au_" + s[0], "name", s[1], "code", s[2],
                    "country_id", 13L);
        }
        seedUnits();
        // crm/data/crm_stage_data.xml; sales_team/data/crm_team_data.xml.
        put("crm.stage", 1L, "crm.stage_lead1", "name", "New", "sequence", 1L, "is_won", false, "fold", false);
        put("crm.stage", 2L, "crm.stage_lead2", "name", "Qualified", "sequence", 2L, "is_won", false, "fold", false);
        put("crm.stage", 3L, "crm.stage_lead3", "name", "Proposition", "sequence", 3L, "is_won", false, "fold", false);
        put("crm.stage", 4L, "crm.stage_lead4", "name", "Won", "sequence", 70L, "is_won", true, "fold", false);
        put("crm.team", 1L, "sales_team.team_sales_department", "name", "Sales", "sequence", 10L, "active", true,
                "company_id", 1L, "use_leads", true, "use_opportunities", true);
        // utm/data/utm_source_data.xml.
        String[][] sources = {{"search_engine", "Search engine"}, {"mailing", "Lead Recall"},
            {"newsletter", "Newsletter"}, {"facebook", "Facebook"}, {"linkedin", "LinkedIn"}};
        for (int i = 0; i < sources.length; i++) {
            put("utm.source", i + 1L, "utm.utm_source_" + sources[i][0], "name", sources[i][1]);
        }
        if (orm.dialect.major() >= 19) {
            // 19.0's utm_source_data.xml adds Referral (seen on the real 19.0 server)
            put("utm.source", sources.length + 1L, "utm.utm_source_referral", "name", "Referral");
        }
        // account's payment-term data file.
        String[][] terms = {{"immediate", "Immediate Payment"}, {"15days", "15 Days"}, {"21days", "21 Days"},
            {"30days", "30 Days"}, {"45days", "45 Days"}, {"end_following_month", "End of Following Month"}};
        for (int i = 0; i < terms.length; i++) {
            put("account.payment.term", i + 1L, "account.account_payment_term_" + terms[i][0], "name", terms[i][1],
                    "sequence", 10L, "active", true);
        }
        // The generic chart of accounts (account/data/template/*-generic_coa.csv), loaded for company 1 as
        // account.1_<template id>; the company's fiscal country is its own, the US.
        setIf("res.company", 1L, "account_fiscal_country_id", 233L);
        put("account.tax.group", 1L, "account.1_tax_group_15", "name", "Tax 15%", "company_id", 1L, "sequence", 10L);
        put("account.tax.group", 2L, "account.1_tax_group_0", "name", "Tax 0%", "company_id", 1L, "sequence", 10L);
        put("account.tax", 1L, "account.1_sale_tax_template", "name", "15%", "amount", 15.0, "amount_type", "percent",
                "type_tax_use", "sale", "tax_group_id", 1L, "company_id", 1L, "country_id", 233L, "sequence", 1L,
                "active", true);
        put("account.tax", 2L, "account.1_purchase_tax_template", "name", "15%", "amount", 15.0,
                "amount_type", "percent", "type_tax_use", "purchase", "tax_group_id", 1L, "company_id", 1L,
                "country_id", 233L, "sequence", 1L, "active", true);
        setIf("res.company", 1L, "account_sale_tax_id", 1L);
        setIf("res.company", 1L, "account_purchase_tax_id", 2L);
        // stock/data/stock_data.xml: the main warehouse, named after the company, code WH.
        put("stock.location", 1L, "stock.stock_location_locations", "name", "Physical Locations", "usage", "view",
                "active", true);
        put("stock.location", 2L, "stock.stock_location_customers", "name", "Customers", "usage", "customer",
                "location_id", 1L, "active", true);
        put("stock.location", 3L, "stock.stock_location_suppliers", "name", "Vendors", "usage", "supplier",
                "location_id", 1L, "active", true);
        put("stock.location", 4L, "stock.warehouse0_view_location", "name", "WH", "usage", "view", "location_id", 1L,
                "active", true, "company_id", 1L);
        put("stock.location", 5L, "stock.stock_location_stock", "name", "Stock", "usage", "internal",
                "location_id", 4L, "active", true, "company_id", 1L);
        put("stock.warehouse", 1L, "stock.warehouse0", "name", "My Company", "code", "WH", "company_id", 1L,
                "partner_id", 1L, "view_location_id", 4L, "lot_stock_id", 5L, "active", true,
                "reception_steps", "one_step", "delivery_steps", "ship_only", "manufacture_steps", "mrp_one_step");
    }

    /** uom/data/uom_data.xml: categories with a reference unit in 17 and 18; units relative to another in 19. */
    private void seedUnits() {
        if (orm.schema.model("uom.category") != null) {
            put("uom.category", 1L, "uom.product_uom_categ_unit", "name", "Unit");
            put("uom.category", 2L, "uom.product_uom_categ_kgm", "name", "Weight");
            put("uom.category", 3L, "uom.uom_categ_wtime", "name", "Working Time");
            put("uom.category", 4L, "uom.uom_categ_length", "name", "Length / Distance");
            put("uom.category", 5L, "uom.uom_categ_surface", "name", "Surface");
            put("uom.category", 6L, "uom.product_uom_categ_vol", "name", "Volume");
            Object[][] units = {
                {"product_uom_unit", "Units", 1L, "reference", 1.0},
                {"product_uom_dozen", "Dozens", 1L, "bigger", 1.0 / 12},
                {"product_uom_kgm", "kg", 2L, "reference", 1.0},
                {"product_uom_gram", "g", 2L, "smaller", 1000.0},
                {"product_uom_day", "Days", 3L, "reference", 1.0},
                {"product_uom_hour", "Hours", 3L, "smaller", 8.0},
                {"product_uom_meter", "m", 4L, "reference", 1.0},
                {"product_uom_km", "km", 4L, "bigger", 0.001},
                {"product_uom_cm", "cm", 4L, "smaller", 100.0},
                {"uom_square_meter", "m²", 5L, "reference", 1.0},
                {"product_uom_litre", "L", 6L, "reference", 1.0},
                {"product_uom_cubic_meter", "m³", 6L, "bigger", 0.001}};
            for (int i = 0; i < units.length; i++) {
                Object[] u = units[i];
                put("uom.uom", i + 1L, "uom." + u[0], "name", u[1], "category_id", u[2], "uom_type", u[3],
                        "factor", u[4], "rounding", 0.01, "active", true);
            }
        } else {
            Object[][] units = {
                {"product_uom_unit", "Units", null, 1.0},
                {"product_uom_pack_6", "Pack of 6", 1L, 6.0},
                {"product_uom_hour", "Hours", null, 1.0},
                {"product_uom_day", "Days", 3L, 8.0},
                {"product_uom_millimeter", "mm", null, 1.0},
                {"product_uom_meter", "m", 5L, 1000.0},
                {"uom_square_meter", "m²", null, 1.0},
                {"product_uom_litre", "L", null, 1.0},
                {"product_uom_gram", "g", null, 1.0},
                {"product_uom_kgm", "kg", 9L, 1000.0}};
            for (int i = 0; i < units.length; i++) {
                Object[] u = units[i];
                if (u[2] == null) {
                    put("uom.uom", i + 1L, "uom." + u[0], "name", u[1], "relative_factor", u[3], "active", true);
                } else {
                    put("uom.uom", i + 1L, "uom." + u[0], "name", u[1], "relative_factor", u[3],
                            "relative_uom_id", u[2], "active", true);
                }
            }
        }
    }

    /** Sets a field of a seeded record when its model has that field in this version. */
    private void setIf(String model, long id, String field, Object value) {
        ModelInfo m = orm.schema.model(model);
        if (m != null && m.has(field) && orm.store.exists(model, id)) {
            orm.store.set(model, id, field, value);
        }
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
