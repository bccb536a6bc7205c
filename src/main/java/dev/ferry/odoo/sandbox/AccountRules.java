package dev.ferry.odoo.sandbox;

import java.util.Map;

/**
 * Defaults of account.tax that Odoo computes from the company: its fiscal country (17: field default; 18 and 19:
 * {@code _compute_country_id}) and a tax group of that company and country ({@code _default_tax_group} /
 * {@code _compute_tax_group_id}), so a tax created without them lands in the company's own country.
 */
final class AccountRules {
    private final Orm orm;

    AccountRules(Orm orm) {
        this.orm = orm;
    }

    void defaults(ModelInfo m, Map<String, Object> row) {
        if (!"account.tax".equals(m.name())) {
            return;
        }
        long company = row.get("company_id") instanceof Long c ? c : 1L;
        Map<String, Object> co = orm.store.get("res.company", company);
        if (m.has("country_id") && row.get("country_id") == null && co != null) {
            row.put("country_id", co.get("account_fiscal_country_id"));
        }
        if (m.has("tax_group_id") && row.get("tax_group_id") == null && orm.store.hasModel("account.tax.group")) {
            Object country = row.get("country_id");
            for (var e : orm.store.table("account.tax.group").entrySet()) {
                Map<String, Object> g = e.getValue();
                Object gc = g.get("country_id");
                if (Long.valueOf(company).equals(g.get("company_id")) && (gc == null || gc.equals(country))) {
                    row.put("tax_group_id", e.getKey());
                    break;
                }
            }
        }
    }
}
