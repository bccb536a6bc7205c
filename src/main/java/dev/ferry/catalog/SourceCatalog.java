package dev.ferry.catalog;

import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.FindingsException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A source platform's catalog ({@code catalogs/sources/<platform>.yaml}): its objects in load order, their
 * files, keys and typed fields, and where custom-field definitions live. Unknown kinds and keys are errors.
 *
 * @param platform     platform id, e.g. {@code aspec}
 * @param label        short label
 * @param objects      objects in the order they are read (parents before children)
 * @param customFields custom-field layout, or null when the platform keeps custom fields inline
 * @param users        where the export lists its users (to turn owner names into e-mails), or null
 */
public record SourceCatalog(String platform, String label, Map<String, SourceObject> objects,
                            CustomFieldLayout customFields, UsersLayout users) {

    /** The object listing the platform's users, and which of its fields hold the name and the e-mail. */
    public record UsersLayout(String object, String name, String email) {
    }

    private static final Pattern IDENT = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> TOP_KEYS = Set.of("kind", "schema", "platform", "label", "description", "defaults",
            "objects", "custom-fields", "users");
    private static final Set<String> DEFAULT_KEYS = Set.of("format", "delimiter", "date-format", "datetime-format",
            "locale", "currency");
    private static final Set<String> OBJECT_KEYS = Set.of("label", "description", "file", "format", "sheet", "json-path",
            "key", "modified-at", "fields", "delimiter", "date-format", "datetime-format", "locale", "currency",
            "migrates", "lookup");
    private static final Set<String> FIELD_KEYS = Set.of("column", "type", "required", "format", "values", "separator",
            "ref", "true", "false", "description", "index", "dedupe");
    private static final Set<String> CUSTOM_KEYS = Set.of("definitions", "values", "definition-form", "definition-key",
            "definition-type", "definition-label", "definition-choices", "choice-separator", "value-form",
            "value-record", "value-key", "value-value", "forms", "types");

    public SourceObject object(String name) {
        return objects.get(name);
    }

    /** Loads and validates a catalog; every problem is collected and thrown together with file:line:col. */
    public static SourceCatalog load(Path file, String displayName) {
        Findings findings = new Findings();
        YamlNode doc = YamlNode.parse(file, displayName, findings);
        doc.checkKeys(TOP_KEYS);
        if (!"source-platform".equals(doc.string("kind", null))) {
            doc.error(FindingCode.CAT_002, doc.string("kind", null), "kind: source-platform");
        }
        if (!"1".equals(doc.string("schema", null))) {
            doc.error(FindingCode.CAT_002, doc.string("schema", null), "schema: 1");
        }
        String platform = doc.requiredString("platform");
        String label = doc.requiredString("label");
        doc.requiredString("description");
        YamlNode defaults = doc.get("defaults");
        if (defaults != null) {
            defaults.checkKeys(DEFAULT_KEYS);
        }
        Map<String, SourceObject> objects = new LinkedHashMap<>();
        YamlNode objectsNode = doc.get("objects");
        if (objectsNode == null) {
            doc.error(FindingCode.CAT_004, null, "key 'objects' with at least one object");
        } else {
            for (var e : objectsNode.entries().entrySet()) {
                objects.put(e.getKey(), object(e.getKey(), e.getValue(), defaults));
            }
        }
        CustomFieldLayout custom = null;
        YamlNode customNode = doc.get("custom-fields");
        if (customNode != null) {
            custom = customFields(customNode, objects);
        }
        UsersLayout users = null;
        YamlNode usersNode = doc.get("users");
        if (usersNode != null) {
            usersNode.checkKeys(Set.of("object", "name", "email"));
            users = new UsersLayout(usersNode.requiredString("object"), usersNode.requiredString("name"),
                    usersNode.requiredString("email"));
            SourceObject uo = objects.get(users.object());
            if (uo == null || uo.field(users.name()) == null || uo.field(users.email()) == null) {
                usersNode.error(FindingCode.CAT_005, users.object(), "an object with the named name and email fields");
            }
        }
        checkReferences(objectsNode, objects);
        if (findings.hasErrors()) {
            throw new FindingsException(findings.list());
        }
        return new SourceCatalog(platform, label, objects, custom, users);
    }

    private static String inherited(YamlNode object, YamlNode defaults, String key, String fallback) {
        String own = object.string(key, null);
        if (own != null) {
            return own;
        }
        return defaults == null ? fallback : defaults.string(key, fallback);
    }

    private static SourceObject object(String name, YamlNode node, YamlNode defaults) {
        node.checkKeys(OBJECT_KEYS);
        if (!IDENT.matcher(name).matches()) {
            node.error(FindingCode.CAT_004, name, "an object name of lower-case letters, digits and _");
        }
        String format = inherited(node, defaults, "format", "csv");
        if (!Set.of("csv", "json", "xlsx").contains(format)) {
            node.error(FindingCode.CAT_004, format, "format csv, json or xlsx");
        }
        String delimiter = inherited(node, defaults, "delimiter", ",");
        if (delimiter == null || delimiter.length() != 1) {
            node.error(FindingCode.CAT_004, delimiter, "a one-character delimiter");
            delimiter = ",";
        }
        String localeTag = inherited(node, defaults, "locale", "en");
        List<SourceField> fields = new ArrayList<>();
        YamlNode fieldsNode = node.get("fields");
        if (fieldsNode == null) {
            node.error(FindingCode.CAT_004, null, "objects." + name + ": key 'fields' is required");
        } else {
            for (var e : fieldsNode.entries().entrySet()) {
                fields.add(field(e.getKey(), e.getValue()));
            }
        }
        List<String> keyFields = node.strings("key");
        if (keyFields.isEmpty()) {
            node.error(FindingCode.CAT_004, null, "objects." + name + ": key 'key' naming the key field(s) is required");
        }
        SourceObject obj = new SourceObject(name, node.requiredString("label"), node.requiredString("description"),
                node.requiredString("file"), format, node.string("sheet", null), node.string("json-path", null), List.copyOf(keyFields),
                node.string("modified-at", null), List.copyOf(fields), delimiter.charAt(0),
                inherited(node, defaults, "date-format", "yyyy-MM-dd"),
                inherited(node, defaults, "datetime-format", "yyyy-MM-dd HH:mm:ss"),
                Locale.forLanguageTag(localeTag), inherited(node, defaults, "currency", null),
                node.bool("migrates", true),
                node.bool("lookup", false));
        for (String key : keyFields) {
            if (obj.field(key) == null) {
                node.get("key").error(FindingCode.CAT_005, key, "the name of one of objects." + name + ".fields");
            }
        }
        if (obj.modifiedAt() != null && obj.field(obj.modifiedAt()) == null) {
            node.get("modified-at").error(FindingCode.CAT_005, obj.modifiedAt(),
                    "the name of one of objects." + name + ".fields");
        }
        return obj;
    }

    private static SourceField field(String name, YamlNode node) {
        if (node.isScalar()) {
            // Shorthand `name: type` keeps simple catalogs short; the column is then the name itself.
            FieldType t = FieldType.parse(node.text());
            if (t == null) {
                node.error(FindingCode.CAT_004, node.text(), "a type: " + FieldType.words());
                t = FieldType.STRING;
            }
            return new SourceField(name, name, t, false, null, List.of(), ";", null, List.of(), List.of(), null, false, false);
        }
        node.checkKeys(FIELD_KEYS);
        if (!IDENT.matcher(name).matches()) {
            node.error(FindingCode.CAT_004, name, "a field name of lower-case letters, digits and _");
        }
        String typeWord = node.requiredString("type");
        FieldType type = typeWord == null ? FieldType.STRING : FieldType.parse(typeWord);
        if (type == null) {
            node.get("type").error(FindingCode.CAT_004, typeWord, "a type: " + FieldType.words());
            type = FieldType.STRING;
        }
        String ref = node.string("ref", null);
        if (type == FieldType.REF && ref == null) {
            node.error(FindingCode.CAT_004, null, "a ref field names its object with 'ref:'");
        }
        List<String> trueValues = node.strings("true");
        List<String> falseValues = node.strings("false");
        if (type == FieldType.BOOL && trueValues.isEmpty()) {
            trueValues = List.of("true", "yes", "y", "1");
            falseValues = falseValues.isEmpty() ? List.of("false", "no", "n", "0") : falseValues;
        }
        return new SourceField(name, node.string("column", name), type, node.bool("required", false),
                node.string("format", null), node.strings("values"), node.string("separator", ";"), ref,
                trueValues, falseValues, node.string("description", null), node.bool("index", false),
                node.bool("dedupe", false));
    }

    private static void checkReferences(YamlNode objectsNode, Map<String, SourceObject> objects) {
        if (objectsNode == null) {
            return;
        }
        for (SourceObject o : objects.values()) {
            for (SourceField f : o.fields()) {
                if (f.ref() != null && !objects.containsKey(f.ref())) {
                    objectsNode.get(o.name()).get("fields").get(f.name()).get("ref")
                            .error(FindingCode.CAT_005, f.ref(), "one of the catalog's objects: " + String.join(", ", objects.keySet()));
                }
            }
        }
    }

    private static CustomFieldLayout customFields(YamlNode n, Map<String, SourceObject> objects) {
        n.checkKeys(CUSTOM_KEYS);
        String defs = n.requiredString("definitions");
        String vals = n.requiredString("values");
        for (String o : new String[]{defs, vals}) {
            if (o != null && !objects.containsKey(o)) {
                n.error(FindingCode.CAT_005, o, "custom-fields objects among: " + String.join(", ", objects.keySet()));
            }
        }
        Map<String, String> forms = new LinkedHashMap<>();
        YamlNode formsNode = n.get("forms");
        if (formsNode != null) {
            formsNode.entries().forEach((k, v) -> {
                forms.put(k, v.text());
                if (!objects.containsKey(v.text())) {
                    v.error(FindingCode.CAT_005, v.text(), "an object of the catalog");
                }
            });
        }
        Map<String, FieldType> types = new LinkedHashMap<>();
        YamlNode typesNode = n.get("types");
        if (typesNode != null) {
            typesNode.entries().forEach((k, v) -> {
                FieldType t = FieldType.parse(v.text());
                if (t == null) {
                    v.error(FindingCode.CAT_004, v.text(), "a type: " + FieldType.words());
                } else {
                    types.put(k, t);
                }
            });
        }
        return new CustomFieldLayout(defs, vals, n.requiredString("definition-form"), n.requiredString("definition-key"),
                n.requiredString("definition-type"), n.requiredString("definition-label"),
                n.string("definition-choices", null), n.string("choice-separator", "|"), n.requiredString("value-form"),
                n.requiredString("value-record"), n.requiredString("value-key"), n.requiredString("value-value"),
                forms, types);
    }
}
