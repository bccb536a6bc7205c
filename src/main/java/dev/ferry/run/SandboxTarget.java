package dev.ferry.run;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.catalog.OdooField;
import dev.ferry.catalog.OdooModel;
import dev.ferry.odoo.Preflight;
import dev.ferry.odoo.StepTable;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanStep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ferry's embedded Odoo for demos and tests: an {@link OdooSandbox} playing the plan's Odoo version, set up as
 * the customer's database would be before a load: the apps the plan needs installed, the users the plan assigns
 * records to (by database id), and the custom fields of the plan's {@code ir.model.fields} step known to its
 * schema (the sandbox cannot add fields at runtime; a real Odoo creates them from that step).
 */
public final class SandboxTarget {
    private SandboxTarget() {
    }

    /**
     * Starts a sandbox for a plan.
     *
     * @param catalog the plan's target catalog
     * @param users   user id → name (e.g. from a case's users file); ids the plan uses but this lacks get a placeholder
     */
    public static OdooSandbox start(OdooCatalog catalog, Plan plan, Path planDir, Map<Long, String> users) {
        OdooSandbox odoo = OdooSandbox.builder(withCustomFields(catalog, plan, planDir)).start();
        TreeSet<String> apps = new TreeSet<>(Preflight.appsFor(plan));
        apps.addAll(catalog.apps());
        apps.add("base");
        for (String app : apps) {
            odoo.env().create("ir.module.module", Map.of("name", app, "state", "installed"));
        }
        TreeSet<Long> ids = new TreeSet<>(users.keySet());
        ids.addAll(userIds(catalog, plan, planDir));
        for (long id : ids) {
            if (odoo.env().search("res.users", List.of(List.of("id", "=", id))).isEmpty() && id > 2) {
                createUser(odoo, id, users.getOrDefault(id, "Sandbox user " + id));
            }
        }
        return odoo;
    }

    private static void createUser(OdooSandbox odoo, long wanted, String name) {
        String base = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", ".") + "@sandbox.invalid";
        for (int attempt = 0; ; attempt++) {
            // Ids below the wanted one are filler users; each needs a login of its own (logins are unique).
            long partner = odoo.env().create("res.partner", Map.of("name", name));
            long id = odoo.env().create("res.users", Map.of("login", base + "." + wanted + (attempt == 0 ? "" : "." + attempt),
                    "name", name, "partner_id", partner, "company_id", 1L));
            if (id >= wanted) {
                if (id > wanted) {
                    throw new IllegalStateException("sandbox gave user id " + id + "; expected " + wanted);
                }
                return;
            }
        }
    }

    /** Database ids of res.users the plan's {@code field/.id} columns name. */
    static TreeSet<Long> userIds(OdooCatalog catalog, Plan plan, Path planDir) {
        TreeSet<Long> out = new TreeSet<>();
        for (PlanStep s : plan.steps()) {
            OdooModel m = catalog.model(s.model());
            if (m == null || s instanceof PlanStep.CallStep) {
                continue;
            }
            StepTable t = StepTable.read(planDir.resolve(s.file()));
            for (int c = 0; c < t.header().size(); c++) {
                String h = t.header().get(c);
                if (!h.endsWith("/.id") || h.indexOf('/') != h.length() - 4) {
                    continue;
                }
                OdooField f = m.field(h.substring(0, h.length() - 4));
                if (f == null || !"res.users".equals(f.relation())) {
                    continue;
                }
                for (StepTable.Record r : t.records()) {
                    String v = r.main().get(c);
                    if (!v.isBlank()) {
                        out.add(Long.parseLong(v.strip()));
                    }
                }
            }
        }
        return out;
    }

    /** The catalog plus the custom fields the plan's ir.model.fields step defines. */
    static OdooCatalog withCustomFields(OdooCatalog catalog, Plan plan, Path planDir) {
        SortedMap<String, OdooModel> models = new TreeMap<>(catalog.models());
        for (PlanStep s : plan.steps()) {
            if (!s.model().equals("ir.model.fields") || s instanceof PlanStep.CallStep) {
                continue;
            }
            StepTable t = StepTable.read(planDir.resolve(s.file()));
            int model = t.column("model");
            int name = t.column("name");
            int type = t.column("ttype");
            int label = t.column("field_description");
            int selValue = t.column("selection_ids/value");
            int selName = t.column("selection_ids/name");
            int relation = t.column("relation");
            for (StepTable.Record r : t.records()) {
                OdooModel m = models.get(r.main().get(model));
                if (m == null) {
                    continue;
                }
                List<OdooField.Choice> choices = new ArrayList<>();
                if (selValue >= 0) {
                    for (List<String> row : r.rows()) {
                        if (!row.get(selValue).isEmpty()) {
                            choices.add(new OdooField.Choice(row.get(selValue), selName >= 0 ? row.get(selName) : row.get(selValue)));
                        }
                    }
                }
                String n = r.main().get(name);
                SortedMap<String, OdooField> fields = new TreeMap<>(m.fields());
                fields.put(n, new OdooField(n, r.main().get(type), label >= 0 ? r.main().get(label) : n, false, false, true,
                        relation >= 0 && !r.main().get(relation).isEmpty() ? r.main().get(relation) : null, List.copyOf(choices)));
                models.put(m.name(), new OdooModel(m.name(), fields));
            }
        }
        return new OdooCatalog(catalog.version(), models, new TreeSet<>(catalog.apps()));
    }
}
