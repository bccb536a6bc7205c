package dev.ferry.odoo;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.catalog.OdooField;
import dev.ferry.catalog.OdooModel;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Origin;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanStep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks before any write (DESIGN invariant 3): the server's version, the login, the apps the plan's models
 * need, and the live {@code fields_get} of every model the plan writes against the plan's catalog, restricted to
 * the fields the plan writes. Only reads; a blocking finding means nothing may be written.
 */
public final class Preflight {
    private static final Set<String> MAGIC = Set.of("id", "display_name", "create_date", "create_uid", "write_date",
            "write_uid", "__last_update");

    private Preflight() {
    }

    /**
     * @param version the server's version, or null when it could not be asked
     * @param uid     the user id, or 0 when the login failed
     * @param apps    the apps the plan needs
     */
    public record Result(ServerVersion version, long uid, Set<String> apps, List<Finding> findings) {
        public boolean blocking() {
            return findings.stream().anyMatch(Finding::isError);
        }
    }

    /** The apps a plan's models need: base always, then each model's app (crm for crm.*, mail for mail.*). */
    public static Set<String> appsFor(Plan plan) {
        Set<String> apps = new TreeSet<>();
        apps.add("base");
        for (PlanStep s : plan.steps()) {
            String app = OdooCatalog.appMarkers().get(s.model());
            if (app != null) {
                apps.add(app);
            }
            if (s.model().startsWith("crm.")) {
                apps.add("crm");
            } else if (s.model().startsWith("mail.")) {
                apps.add("mail");
            }
        }
        return apps;
    }

    public static Result check(OdooClient client, Plan plan, Path planDir, OdooCatalog catalog) {
        List<Finding> findings = new ArrayList<>();
        Set<String> apps = appsFor(plan);
        ServerVersion version;
        try {
            version = client.version();
        } catch (OdooException e) {
            findings.add(Finding.error(FindingCode.ODOO_001, Origin.NONE, null, "an Odoo server answering version(): "
                    + e.getMessage()).withHint("check --url and that the server is up"));
            return new Result(null, 0, apps, findings);
        }
        int planMajor = (int) Double.parseDouble(plan.odooVersion());
        if (version.major() != planMajor) {
            findings.add(Finding.error(FindingCode.ODOO_005, Origin.NONE, version.serverVersion(), "Odoo "
                    + plan.odooVersion() + " as the plan was compiled for").withHint(
                    "compile the plan again with `ferry compile --odoo " + version.major() + ".0`"));
        }
        long uid;
        try {
            uid = client.authenticate();
        } catch (AuthenticationException e) {
            findings.add(Finding.error(FindingCode.ODOO_002, Origin.NONE, null, "a login and password or API key the server accepts")
                    .withHint("check --user and the variable or file named by --password-env/--password-file/--api-key-env/--api-key-file"));
            return new Result(version, 0, apps, findings);
        }
        findings.addAll(UserMatch.resolve(client, planDir).findings());
        Set<String> installed = new TreeSet<>();
        for (Map<String, Object> m : client.searchRead("ir.module.module",
                List.of(List.of("name", "in", List.copyOf(apps)), List.of("state", "=", "installed")), List.of("name"))) {
            installed.add(String.valueOf(m.get("name")));
        }
        for (String app : apps) {
            if (!installed.contains(app)) {
                findings.add(Finding.error(FindingCode.ODOO_003, Origin.NONE, app, "installed: the plan writes "
                        + modelsOf(plan, app)).withHint("install the app '" + app + "' in Odoo (Apps menu), then run the load again"));
            }
        }
        Map<String, Set<String>> created = customFields(plan, planDir);
        Map<String, Map<String, Map<String, Object>>> live = new LinkedHashMap<>();
        for (PlanStep step : plan.steps()) {
            if (step instanceof PlanStep.CallStep) {
                continue;
            }
            Map<String, Map<String, Object>> fields = live.get(step.model());
            if (fields == null && !live.containsKey(step.model())) {
                try {
                    fields = client.fieldsGet(step.model(), List.of("type", "required", "selection", "relation", "string"));
                } catch (OdooFault f) {
                    fields = null;
                    findings.add(Finding.error(FindingCode.ODOO_006, origin(planDir, step, null), step.model(),
                            "a model on the server (" + f.summary() + ")").withHint("install the app that provides "
                            + step.model() + ", or compile for the server's catalog (`ferry catalog pull`)"));
                }
                live.put(step.model(), fields);
            }
            if (fields != null) {
                compare(step, planDir, fields, catalog.model(step.model()), created.getOrDefault(step.model(), Set.of()), findings);
            }
        }
        checkOutsideReferences(client, plan, planDir, findings);
        return new Result(version, uid, apps, findings);
    }

    /**
     * References to records the plan does not make (countries, stages and units from Odoo's data files) must exist
     * before anything is written; otherwise the step needing them fails after the earlier steps have landed.
     */
    private static void checkOutsideReferences(OdooClient client, Plan plan, Path planDir, List<Finding> findings) {
        String own = "ferry_" + plan.platform() + ".";
        Map<String, Origin> outside = new LinkedHashMap<>();
        for (PlanStep step : plan.steps()) {
            StepTable table = StepTable.read(planDir.resolve(step.file()));
            for (int c = 1; c < table.header().size(); c++) {
                String h = table.header().get(c);
                if (!h.endsWith("/id")) {
                    continue;
                }
                String field = h.substring(0, h.length() - 3);
                for (StepTable.Record r : table.records()) {
                    for (List<String> row : r.rows()) {
                        for (String x : row.get(c).split(",")) {
                            String xid = x.strip();
                            if (!xid.isEmpty() && !xid.startsWith(own)) {
                                outside.putIfAbsent(xid, new Origin(planDir.resolve(step.file()).toString(), r.line(), 0,
                                        r.xid(), field));
                            }
                        }
                    }
                }
            }
        }
        if (outside.isEmpty()) {
            return;
        }
        Map<String, RecordRef> found = client.lookupExternalIds(outside.keySet());
        outside.forEach((xid, origin) -> {
            if (!found.containsKey(xid)) {
                findings.add(Finding.error(FindingCode.ODOO_007, origin, xid, "a record with this external id on the server")
                        .withHint("install the module whose data defines it, or create it in Odoo with that external id"));
            }
        });
    }

    private static String modelsOf(Plan plan, String app) {
        Set<String> models = new TreeSet<>();
        for (PlanStep s : plan.steps()) {
            if (app.equals(OdooCatalog.appMarkers().get(s.model())) || s.model().startsWith(app + ".")) {
                models.add(s.model());
            }
        }
        return models.isEmpty() ? "its base models" : String.join(", ", models);
    }

    private static Origin origin(Path planDir, PlanStep step, String field) {
        return new Origin(planDir.resolve(step.file()).toString(), 1, 0, step.model(), field);
    }

    private static void compare(PlanStep step, Path planDir, Map<String, Map<String, Object>> live, OdooModel catalogModel,
                                Set<String> createdByPlan, List<Finding> findings) {
        StepTable table = StepTable.read(planDir.resolve(step.file()));
        Set<String> written = table.writtenFields();
        for (String f : written) {
            if (createdByPlan.contains(f) || f.equals("res_id") || MAGIC.contains(f)) {
                continue;
            }
            Map<String, Object> def = live.get(f);
            OdooField cat = catalogModel == null ? null : catalogModel.field(f);
            if (def == null) {
                findings.add(Finding.error(FindingCode.ODOO_004, origin(planDir, step, f), null,
                        "the field on the server; the plan writes it but the server's " + step.model() + " has no field '" + f + "'")
                        .withHint("install the module that adds it, or compile against the server's catalog (`ferry catalog pull`)"));
                continue;
            }
            String liveType = String.valueOf(def.get("type"));
            if (cat != null && !cat.type().equals(liveType)) {
                findings.add(Finding.error(FindingCode.ODOO_004, origin(planDir, step, f), liveType,
                        "type " + cat.type() + " as in the plan's catalog").withHint(
                        "compile against the server's catalog (`ferry catalog pull`)"));
            }
            int col = table.column(f);
            if ("selection".equals(liveType) && col >= 0) {
                Set<String> keys = new LinkedHashSet<>();
                if (def.get("selection") instanceof List<?> sel) {
                    for (Object o : sel) {
                        if (o instanceof List<?> pair && !pair.isEmpty()) {
                            keys.add(String.valueOf(pair.get(0)));
                        }
                    }
                }
                Set<String> missing = new TreeSet<>();
                for (StepTable.Record r : table.records()) {
                    String v = r.main().get(col);
                    if (!v.isEmpty() && !keys.contains(v)) {
                        missing.add(v);
                    }
                }
                for (String v : missing) {
                    findings.add(Finding.error(FindingCode.ODOO_004, origin(planDir, step, f), v,
                            "one of the server's keys " + keys));
                }
            }
        }
        for (var e : live.entrySet()) {
            String f = e.getKey();
            boolean required = Boolean.TRUE.equals(e.getValue().get("required"));
            OdooField cat = catalogModel == null ? null : catalogModel.field(f);
            if (required && (cat == null || !cat.required()) && !written.contains(f) && !MAGIC.contains(f)) {
                findings.add(Finding.error(FindingCode.ODOO_004, origin(planDir, step, f), null,
                        "a value: the field is required on the server but not in the plan's catalog, and the plan does not fill it")
                        .withHint("pull the server's catalog (`ferry catalog pull`) and compile again so the rules fill it"));
            }
        }
    }

    /** Custom fields the plan's ir.model.fields step creates, by model: not drift when the server lacks them. */
    public static Map<String, Set<String>> customFields(Plan plan, Path planDir) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (PlanStep s : plan.steps()) {
            if (!s.model().equals("ir.model.fields") || s instanceof PlanStep.CallStep) {
                continue;
            }
            StepTable t = StepTable.read(planDir.resolve(s.file()));
            int model = t.column("model");
            int name = t.column("name");
            if (model < 0 || name < 0) {
                continue;
            }
            for (StepTable.Record r : t.records()) {
                out.computeIfAbsent(r.main().get(model), k -> new LinkedHashSet<>()).add(r.main().get(name));
            }
        }
        return out;
    }
}
