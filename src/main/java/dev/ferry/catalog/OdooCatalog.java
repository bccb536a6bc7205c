package dev.ferry.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.FindingsException;
import dev.ferry.finding.Origin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The target catalog for one Odoo version: every model with its fields, generated from a real server's
 * {@code fields_get} and never typed by hand. On disk it is a folder of {@code <model>.yaml} files plus
 * {@code catalog.yaml} (version and installed apps).
 */
public final class OdooCatalog {
    /** Models whose presence shows that an app is installed; the writer's preflight checks the same apps. */
    private static final Map<String, String> APP_MARKERS = markers();

    private final String version;
    private final SortedMap<String, OdooModel> models;
    /** The same models for lookups, which the compiler makes for every record it validates. */
    private final Map<String, OdooModel> byName;
    private final SortedSet<String> apps;
    private final MethodFacts methods;

    public OdooCatalog(String version, SortedMap<String, OdooModel> models, SortedSet<String> apps) {
        this(version, models, apps, MethodFacts.none());
    }

    public OdooCatalog(String version, SortedMap<String, OdooModel> models, SortedSet<String> apps, MethodFacts methods) {
        this.methods = methods;
        this.version = version;
        this.models = Collections.unmodifiableSortedMap(models);
        this.byName = new java.util.HashMap<>(models);
        this.apps = Collections.unmodifiableSortedSet(apps);
    }

    private static Map<String, String> markers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mail.message", "mail");
        m.put("calendar.event", "calendar");
        m.put("crm.lead", "crm");
        m.put("sale.order", "sale");
        m.put("sale.order.template", "sale_management");
        m.put("project.project", "project");
        m.put("hr.employee", "hr");
        m.put("account.analytic.line", "analytic");
        m.put("hr.expense", "hr_expense");
        m.put("purchase.order", "purchase");
        m.put("stock.picking", "stock");
        m.put("account.move", "account");
        m.put("mrp.production", "mrp");
        m.put("maintenance.equipment", "maintenance");
        return m;
    }

    /** The version as Odoo's {@code server_serie} spells it, e.g. {@code 17.0}. */
    public String version() {
        return version;
    }

    /** The major version number, e.g. 17. */
    public int major() {
        return Integer.parseInt(version.substring(0, version.indexOf('.') < 0 ? version.length() : version.indexOf('.')));
    }

    public SortedMap<String, OdooModel> models() {
        return models;
    }

    public OdooModel model(String name) {
        return name == null ? null : byName.get(name);
    }

    /** Installed apps inferred from the models present (e.g. {@code crm}, {@code maintenance}). */
    public SortedSet<String> apps() {
        return apps;
    }

    /** How this version declares the methods the writer calls ({@code methods.yaml}); none for a pulled catalog. */
    public MethodFacts methods() {
        return methods;
    }

    /** The app each marker model stands for; the preflight asks a live server for these modules. */
    public static Map<String, String> appMarkers() {
        return APP_MARKERS;
    }

    /**
     * Builds a catalog from {@code fields_get} answers, one per model, as a real server returns them
     * (a JSON object of field name to attributes).
     */
    public static OdooCatalog fromFieldsGet(String version, Map<String, JsonNode> fieldsGetByModel) {
        SortedMap<String, OdooModel> models = new TreeMap<>();
        for (var e : fieldsGetByModel.entrySet()) {
            SortedMap<String, OdooField> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.getValue().fields(); it.hasNext(); ) {
                var f = it.next();
                fields.put(f.getKey(), fieldFromJson(f.getKey(), f.getValue()));
            }
            models.put(e.getKey(), new OdooModel(e.getKey(), fields));
        }
        SortedSet<String> apps = new TreeSet<>();
        APP_MARKERS.forEach((model, app) -> {
            if (models.containsKey(model)) {
                apps.add(app);
            }
        });
        return new OdooCatalog(version, models, apps);
    }

    private static OdooField fieldFromJson(String name, JsonNode a) {
        List<OdooField.Choice> choices = new ArrayList<>();
        JsonNode sel = a.get("selection");
        if (sel != null && sel.isArray()) {
            for (JsonNode pair : sel) {
                choices.add(new OdooField.Choice(pair.get(0).asText(), pair.get(1).asText()));
            }
        }
        JsonNode rel = a.get("relation");
        return new OdooField(name, a.path("type").asText(), a.path("string").asText(name),
                a.path("required").asBoolean(false), a.path("readonly").asBoolean(false),
                a.path("store").asBoolean(true), rel == null || rel.isNull() || rel.asText().isEmpty() ? null : rel.asText(),
                List.copyOf(choices));
    }

    /** Reads a folder of {@code <model>.json} fields_get dumps, such as {@code shared/odoo/17.0}. */
    public static OdooCatalog importDumps(Path dumpDir, String version) {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byModel = new TreeMap<>();
        List<Finding> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(dumpDir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String model = p.getFileName().toString().replaceFirst("\\.json$", "");
                try {
                    JsonNode node = json.readTree(p.toFile());
                    if (!node.isObject()) {
                        throw new IOException("not a JSON object");
                    }
                    byModel.put(model, node);
                } catch (IOException e) {
                    problems.add(Finding.error(FindingCode.CAT_006, Origin.file(p.toString(), 0, 0), null,
                            "a fields_get answer as a JSON object (" + e.getMessage() + ")"));
                }
            }
        } catch (IOException e) {
            problems.add(Finding.error(FindingCode.CAT_006, Origin.file(dumpDir.toString(), 0, 0), null,
                    "a folder of <model>.json fields_get dumps"));
        }
        if (byModel.isEmpty() && problems.isEmpty()) {
            problems.add(Finding.error(FindingCode.CAT_006, Origin.file(dumpDir.toString(), 0, 0), null,
                    "at least one <model>.json fields_get dump"));
        }
        if (!problems.isEmpty()) {
            throw new FindingsException(problems);
        }
        return fromFieldsGet(version, byModel);
    }

    /** Writes the catalog as YAML, one file per model; the output depends only on the catalog's content. */
    public void write(Path dir, String producedBy) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                // methods.yaml and overrides.yaml come from running servers, not from fields_get dumps: kept.
                for (Path p : old.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("methods.yaml")
                        && !f.endsWith("overrides.yaml")).toList()) {
                    Files.delete(p);
                }
            }
            StringBuilder index = new StringBuilder();
            index.append(header(producedBy));
            index.append("kind: odoo-catalog\nschema: 1\nversion: ").append(YamlNode.quote(version)).append('\n');
            index.append("apps: [").append(String.join(", ", apps)).append("]\n");
            index.append("models:\n");
            for (String m : models.keySet()) {
                index.append("  - ").append(m).append('\n');
            }
            Files.writeString(dir.resolve("catalog.yaml"), index.toString(), StandardCharsets.UTF_8);
            for (OdooModel m : models.values()) {
                Files.writeString(dir.resolve(m.name() + ".yaml"), modelYaml(m, producedBy), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String header(String producedBy) {
        return "# Odoo " + version + " target catalog, generated by `" + producedBy + "`.\n"
                + "# Do not edit: re-import or re-pull instead.\n";
    }

    private String modelYaml(OdooModel m, String producedBy) {
        StringBuilder b = new StringBuilder(header(producedBy));
        b.append("kind: odoo-model\nschema: 1\nversion: ").append(YamlNode.quote(version)).append('\n');
        b.append("model: ").append(m.name()).append("\nfields:\n");
        for (OdooField f : m.fields().values()) {
            b.append("  ").append(f.name()).append(":\n");
            b.append("    type: ").append(f.type()).append('\n');
            b.append("    label: ").append(YamlNode.quote(f.label())).append('\n');
            if (f.required()) {
                b.append("    required: true\n");
            }
            if (f.readonly()) {
                b.append("    readonly: true\n");
            }
            if (!f.stored()) {
                b.append("    stored: false\n");
            }
            if (f.relation() != null) {
                b.append("    relation: ").append(f.relation()).append('\n');
            }
            if (!f.selection().isEmpty()) {
                b.append("    selection:\n");
                for (OdooField.Choice c : f.selection()) {
                    b.append("      - [").append(YamlNode.quote(c.key())).append(", ").append(YamlNode.quote(c.label())).append("]\n");
                }
            }
        }
        return b.toString();
    }

    /** Loads a catalog folder written by {@link #write}; problems are reported with file:line:col. */
    public static OdooCatalog load(Path dir) {
        Findings findings = new Findings();
        Path indexFile = dir.resolve("catalog.yaml");
        if (!Files.isRegularFile(indexFile)) {
            throw FindingsException.of(Finding.error(FindingCode.CAT_001, Origin.file(indexFile.toString(), 0, 0),
                    null, "a target catalog folder with catalog.yaml (create one with `ferry catalog import`)"));
        }
        YamlNode index = YamlNode.parse(indexFile, indexFile.toString(), findings);
        index.checkKeys(Set.of("kind", "schema", "version", "apps", "models"));
        checkKind(index, "odoo-catalog");
        String version = index.requiredString("version");
        SortedSet<String> apps = new TreeSet<>(index.strings("apps"));
        SortedMap<String, OdooModel> models = new TreeMap<>();
        for (String name : index.strings("models")) {
            Path file = dir.resolve(name + ".yaml");
            if (!Files.isRegularFile(file)) {
                findings.add(Finding.error(FindingCode.CAT_001, Origin.file(file.toString(), 0, 0), null,
                        "the model file listed in " + indexFile));
                continue;
            }
            models.put(name, loadModel(file, findings));
        }
        MethodFacts methods = MethodFacts.load(dir, findings);
        if (findings.hasErrors()) {
            throw new FindingsException(findings.list());
        }
        return new OdooCatalog(version, models, apps, methods);
    }

    private static void checkKind(YamlNode doc, String kind) {
        String k = doc.string("kind", null);
        String schema = doc.string("schema", null);
        if (!kind.equals(k)) {
            doc.error(FindingCode.CAT_002, k, "kind: " + kind);
        }
        if (!"1".equals(schema)) {
            doc.error(FindingCode.CAT_002, schema, "schema: 1");
        }
    }

    private static OdooModel loadModel(Path file, Findings findings) {
        YamlNode doc = YamlNode.parse(file, file.toString(), findings);
        doc.checkKeys(Set.of("kind", "schema", "version", "model", "fields"));
        checkKind(doc, "odoo-model");
        String name = doc.requiredString("model");
        SortedMap<String, OdooField> fields = new TreeMap<>();
        YamlNode fieldsNode = doc.get("fields");
        if (fieldsNode != null) {
            for (var e : fieldsNode.entries().entrySet()) {
                YamlNode f = e.getValue();
                f.checkKeys(Set.of("type", "label", "required", "readonly", "stored", "relation", "selection"));
                List<OdooField.Choice> choices = new ArrayList<>();
                YamlNode sel = f.get("selection");
                if (sel != null) {
                    for (YamlNode pair : sel.items()) {
                        List<YamlNode> kv = pair.items();
                        if (kv.size() == 2) {
                            choices.add(new OdooField.Choice(kv.get(0).text(), kv.get(1).text()));
                        } else {
                            pair.error(FindingCode.CAT_004, null, "a [key, label] pair");
                        }
                    }
                }
                fields.put(e.getKey(), new OdooField(e.getKey(), f.requiredString("type"), f.string("label", e.getKey()),
                        f.bool("required", false), f.bool("readonly", false), f.bool("stored", true),
                        f.string("relation", null), List.copyOf(choices)));
            }
        }
        return new OdooModel(name, fields);
    }
}
