package dev.ferry.run;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.catalog.OdooField;
import dev.ferry.catalog.OdooModel;
import dev.ferry.odoo.Preflight;
import dev.ferry.odoo.StepTable;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanStep;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * records to (by login), and the custom fields of the plan's {@code ir.model.fields} step known to its
 * schema (the sandbox cannot add fields at runtime; a real Odoo creates them from that step).
 */
public final class SandboxTarget {
    private SandboxTarget() {
    }

    /**
     * Starts a sandbox for a plan, with the users of the plan's {@code users.csv} created by login. Their ids are
     * whatever the sandbox hands out, as in a customer's database; the writer matches them by login.
     *
     * @param catalog the plan's target catalog
     */
    public static OdooSandbox start(OdooCatalog catalog, Plan plan, Path planDir) {
        OdooSandbox odoo = OdooSandbox.builder(withCustomFields(catalog, plan, planDir)).start();
        TreeSet<String> apps = new TreeSet<>(Preflight.appsFor(plan));
        apps.addAll(catalog.apps());
        apps.add("base");
        for (String app : apps) {
            odoo.env().create("ir.module.module", Map.of("name", app, "state", "installed"));
        }
        for (String[] u : planUsers(planDir)) {
            String login = u[0].isBlank() ? u[1] : u[0];
            if (login.isBlank() || !odoo.env().search("res.users", List.of(List.of("login", "=", login))).isEmpty()) {
                continue;
            }
            String name = u[2].isBlank() ? login : u[2];
            long partner = odoo.env().create("res.partner", Map.of("name", name, "email", u[1]));
            odoo.env().create("res.users", Map.of("login", login, "name", name, "partner_id", partner, "company_id", 1L));
        }
        return odoo;
    }

    /** Login, e-mail and name of each user in the plan's users.csv; none when it has no such file. */
    private static List<String[]> planUsers(Path planDir) {
        Path file = planDir.resolve("users.csv");
        List<String[]> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord rec : p) {
                out.add(new String[] {rec.get("login"), rec.get("email"), rec.get("name")});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
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
        return new OdooCatalog(catalog.version(), models, new TreeSet<>(catalog.apps()), catalog.methods());
    }
}
