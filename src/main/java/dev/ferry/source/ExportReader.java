package dev.ferry.source;

import dev.ferry.catalog.CustomFieldLayout;
import dev.ferry.catalog.FieldType;
import dev.ferry.catalog.SourceCatalog;
import dev.ferry.catalog.SourceField;
import dev.ferry.catalog.SourceObject;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.Origin;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads an export folder per its source catalog in two passes. The first ({@link #index}) parses every value,
 * reports what does not parse, and keeps only indexes of keys: record keys per object, how often records are
 * referenced, custom-field values and the users list. The second ({@link #forEach}) streams the records, so
 * memory does not grow with the size of the export beyond those indexes.
 */
public final class ExportReader {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private final SourceCatalog catalog;
    private final Path exportDir;
    private final String displayDir;
    private final Findings findings;
    private final ValueParser parser = new ValueParser();

    private final Map<String, LongHashSet> keys = new HashMap<>();
    /** target object → referring object → key hash → count. */
    private final Map<String, Map<String, LongIntHashMap>> referencedBy = new HashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> customValues = new HashMap<>();
    private final Map<String, String> sourceUserEmails = new HashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Map<String, RawRecord>> lookups = new HashMap<>();
    private final Map<String, LongObjectHashMap<Object>> indexed = new HashMap<>();
    private final Map<String, Map<String, Map<String, String>>> duplicates = new HashMap<>();
    private final Map<String, boolean[]> indexFields = new HashMap<>();
    private boolean done;

    /**
     * @param displayDir how the export folder is named in messages (relative to the project root)
     */
    public ExportReader(SourceCatalog catalog, Path exportDir, String displayDir, Findings findings) {
        this.catalog = catalog;
        this.exportDir = exportDir;
        this.displayDir = displayDir;
        this.findings = findings;
    }

    /** Source user name or e-mail (lower case) → e-mail, from the catalog's users object. */
    public Map<String, String> sourceUserEmails() {
        return sourceUserEmails;
    }

    /** Records of lookup objects by object and key, for {@code ctx.lookup}. */
    public Map<String, Map<String, RawRecord>> lookups() {
        return lookups;
    }

    /** The value of an index field ({@code object.field}) of the record with that key, or null. */
    public Object indexed(String objectField, String key) {
        LongObjectHashMap<Object> m = indexed.get(objectField);
        return m == null ? null : m.get(KeyHash.of(key));
    }

    /** Records read per object, in catalog order. */
    public Map<String, Integer> counts() {
        return counts;
    }

    /** First pass: parse and check everything, build key indexes. Findings go to the collector. */
    public void index() {
        CustomFieldLayout cf = catalog.customFields();
        Map<String, Map<String, CustomDef>> defs = new HashMap<>();
        List<PendingRef> pending = new ArrayList<>();
        for (SourceObject o : catalog.objects().values()) {
            LongHashSet seen = keys.computeIfAbsent(o.name(), k -> new LongHashSet());
            int[] keyIdx = keyIndexes(o);
            List<Integer> refIdx = new ArrayList<>();
            for (int i = 0; i < o.fields().size(); i++) {
                if (o.fields().get(i).type() == FieldType.REF) {
                    refIdx.add(i);
                }
            }
            int[] n = {0};
            List<Integer> indexIdx = new ArrayList<>();
            List<Integer> dedupeIdx = new ArrayList<>();
            for (int i = 0; i < o.fields().size(); i++) {
                if (o.fields().get(i).index()) {
                    indexIdx.add(i);
                }
                if (o.fields().get(i).dedupe()) {
                    dedupeIdx.add(i);
                }
            }
            // Normalised value (hashed, as record keys are) → key of the first record with it, per dedupe field.
            LongObjectHashMap<String> firstByValue = new LongObjectHashMap<>();
            read(o, true, (rec) -> {
                n[0]++;
                String key = rec.key();
                if (o.lookup() && key != null) {
                    lookups.computeIfAbsent(o.name(), k -> new LinkedHashMap<>()).put(key,
                            new RawRecord(o.name(), key, rec.file(), rec.line(), rec.values(), null, null, null));
                }
                for (int i : indexIdx) {
                    if (key != null && rec.values()[i] != null) {
                        indexed.computeIfAbsent(o.name() + "." + o.fields().get(i).name(), k -> new LongObjectHashMap<>())
                                .put(KeyHash.of(key), rec.values()[i]);
                    }
                }
                for (int i : dedupeIdx) {
                    Object v = rec.values()[i];
                    if (key != null && v != null) {
                        String f = o.fields().get(i).name();
                        String norm = f + "\u0000" + WHITESPACE.matcher(v.toString().strip().toLowerCase(Locale.ROOT))
                                .replaceAll(" ");
                        long h = KeyHash.of(norm);
                        String first = firstByValue.get(h);
                        if (first == null) {
                            firstByValue.put(h, key);
                        } else {
                            duplicates.computeIfAbsent(o.name(), k -> new HashMap<>())
                                    .computeIfAbsent(key, k -> new LinkedHashMap<>()).put(f, first);
                        }
                    }
                }
                if (key != null && !seen.add(KeyHash.of(key))) {
                    findings.add(Finding.error(FindingCode.SRC_016, origin(o, rec.line(), key, o.key()), key,
                            "a key unique within " + o.name()).withHint("remove or renumber the duplicate row"));
                }
                for (int i : refIdx) {
                    Object v = rec.values()[i];
                    if (v != null) {
                        SourceField f = o.fields().get(i);
                        referencedBy.computeIfAbsent(f.ref(), k -> new HashMap<>())
                                .computeIfAbsent(o.name(), k -> new LongIntHashMap()).addTo(KeyHash.of(v.toString()), 1);
                        if (!known(f.ref(), v.toString())) {
                            pending.add(new PendingRef(o, f, key, rec.line(), v.toString()));
                        }
                    }
                }
                if (cf != null && o.name().equals(cf.definitions())) {
                    collectDefinition(cf, o, rec, defs);
                }
                if (cf != null && o.name().equals(cf.values())) {
                    collectValue(cf, o, rec, defs);
                }
                if (catalog.users() != null && o.name().equals(catalog.users().object())) {
                    Object name = rec.values()[o.indexOf(catalog.users().name())];
                    Object email = rec.values()[o.indexOf(catalog.users().email())];
                    if (email != null) {
                        sourceUserEmails.put(email.toString().toLowerCase(Locale.ROOT), email.toString());
                        if (name != null) {
                            sourceUserEmails.put(name.toString().toLowerCase(Locale.ROOT), email.toString());
                        }
                    }
                }
            }, keyIdx);
            counts.put(o.name(), n[0]);
        }
        for (PendingRef p : pending) {
            if (!known(p.field.ref(), p.value)) {
                findings.add(Finding.error(FindingCode.SRC_017, origin(p.object, p.line, p.key, p.field.name()), p.value,
                        "the key of a record of object '" + p.field.ref() + "' in the export")
                        .withHint("add the " + p.field.ref() + " to the export, or clear the reference"));
            }
        }
        done = true;
    }

    private boolean known(String object, String key) {
        LongHashSet set = keys.get(object);
        return set != null && set.contains(KeyHash.of(key));
    }

    private static Map<String, Integer> counts(Map<String, LongIntHashMap> byObject, String key) {
        if (byObject.isEmpty() || key == null) {
            return null;
        }
        long h = KeyHash.of(key);
        Map<String, Integer> out = null;
        for (var e : byObject.entrySet()) {
            int n = e.getValue().get(h);
            if (n > 0) {
                if (out == null) {
                    out = new java.util.TreeMap<>();
                }
                out.put(e.getKey(), n);
            }
        }
        return out;
    }

    /** Second pass: every record of every migrating object, in catalog order, with custom values attached. */
    public void forEach(Consumer<RawRecord> sink) {
        if (!done) {
            throw new IllegalStateException("index() must run first");
        }
        CustomFieldLayout cf = catalog.customFields();
        for (SourceObject o : catalog.objects().values()) {
            if (cf != null && o.name().equals(cf.values())) {
                continue;
            }
            Map<String, Map<String, Object>> custom = customValues.getOrDefault(o.name(), Map.of());
            Map<String, LongIntHashMap> refs = referencedBy.getOrDefault(o.name(), Map.of());
            Map<String, Map<String, String>> dups = duplicates.getOrDefault(o.name(), Map.of());
            read(o, false, rec -> sink.accept(new RawRecord(o.name(), rec.key(), rec.file(), rec.line(), rec.values(),
                    custom.get(rec.key()), counts(refs, rec.key()), dups.get(rec.key()))), keyIndexes(o));
        }
    }

    private record PendingRef(SourceObject object, SourceField field, String key, int line, String value) {
    }

    private record CustomDef(String key, FieldType type, SourceField asField) {
    }

    private record Parsed(String key, String file, int line, Object[] values) {
    }

    private void collectDefinition(CustomFieldLayout cf, SourceObject o, Parsed rec,
                                   Map<String, Map<String, CustomDef>> defs) {
        String form = text(o, rec, cf.defForm());
        String key = text(o, rec, cf.defKey());
        String typeWord = text(o, rec, cf.defType());
        String owner = cf.forms().get(form);
        if (owner == null || key == null) {
            return;
        }
        FieldType type = cf.types().getOrDefault(typeWord, FieldType.STRING);
        List<String> choices = cf.defChoices() == null || text(o, rec, cf.defChoices()) == null ? List.of()
                : List.of(text(o, rec, cf.defChoices()).split(java.util.regex.Pattern.quote(cf.choiceSeparator())));
        SourceField asField = new SourceField(key, key, type, false, null,
                choices.stream().map(String::strip).toList(), ";", null, List.of("Y", "Yes", "true", "1"),
                List.of("N", "No", "false", "0"), null, false, false);
        defs.computeIfAbsent(owner, k -> new HashMap<>()).put(key, new CustomDef(key, type, asField));
    }

    private void collectValue(CustomFieldLayout cf, SourceObject o, Parsed rec,
                              Map<String, Map<String, CustomDef>> defs) {
        String form = text(o, rec, cf.valueForm());
        String owner = cf.forms().get(form);
        String record = text(o, rec, cf.valueRecord());
        String key = text(o, rec, cf.valueKey());
        String raw = text(o, rec, cf.valueValue());
        if (owner == null) {
            findings.add(Finding.error(FindingCode.SRC_012, origin(o, rec.line(), rec.key(), cf.valueForm()), form,
                    "one of " + String.join(", ", cf.forms().keySet())));
            return;
        }
        CustomDef def = defs.getOrDefault(owner, Map.of()).get(key);
        Object value = raw;
        if (def == null) {
            findings.add(Finding.warning(FindingCode.SRC_018, origin(o, rec.line(), rec.key(), cf.valueKey()), key,
                    "a custom field defined for " + form + "; the value is carried as text")
                    .withHint("add the definition to the export's custom-field definitions"));
        } else {
            ValueParser.Result r = parser.parse(def.type(), raw, def.asField(), o);
            boolean choice = r.problem() != null && r.problem().code() == FindingCode.SRC_012;
            if (r.problem() != null) {
                // A choice missing from its definition cannot be written to a selection field: warn, keep nothing.
                findings.add(new Finding(r.problem().code(), r.problem().error() && !choice
                        ? dev.ferry.finding.Severity.ERROR : dev.ferry.finding.Severity.WARNING,
                        origin(o, rec.line(), rec.key(), "custom." + key), raw, r.problem().expected()
                        + " (custom field " + key + ")" + (choice ? "; the value is not carried over" : ""), null, null));
            }
            value = r.value() != null ? r.value() : (r.problem() == null || choice ? null : raw);
        }
        if (value != null && record != null) {
            customValues.computeIfAbsent(owner, k -> new HashMap<>()).computeIfAbsent(record, k -> new HashMap<>())
                    .put(key, value);
        }
    }

    private static String text(SourceObject o, Parsed rec, String field) {
        Object v = rec.values()[o.indexOf(field)];
        return v == null ? null : v.toString();
    }

    private String recordKey(SourceObject o, String key) {
        return key == null ? null : catalog.platform() + "/" + o.name() + "#" + key;
    }

    private Origin origin(SourceObject o, int line, String key, String field) {
        String recordKey = key == null ? null : catalog.platform() + "/" + o.name() + "#" + key;
        return new Origin(displayDir + "/" + o.file(), line, 0, recordKey, field);
    }

    private static int[] keyIndexes(SourceObject o) {
        return o.keyFields().stream().mapToInt(o::indexOf).toArray();
    }

    private void read(SourceObject o, boolean report, Consumer<Parsed> sink, int[] keyIdx) {
        List<Path> files = files(o);
        if (files.isEmpty()) {
            if (report) {
                findings.add(Finding.error(FindingCode.SRC_001, Origin.file(displayDir + "/" + o.file(), 0, 0), null,
                        "the export file of " + o.label() + " (" + o.file() + ")"));
            }
            return;
        }
        for (Path file : files) {
            String display = displayDir + "/" + exportDir.relativize(file);
            // The first pass does little per row, so parsing the file ahead on a second thread halves it.
            try (RowSource rows = report ? new PrefetchingRowSource(open(o, file)) : open(o, file)) {
                int[] columnOf = columns(o, rows.header(), display, report);
                if (columnOf == null) {
                    continue;
                }
                RowSource.Row row;
                while (true) {
                    try {
                        row = rows.next();
                    } catch (RowSource.MalformedRowException e) {
                        if (report) {
                            findings.add(Finding.error(FindingCode.SRC_019, Origin.file(display, e.line, 0), null,
                                    "a well-formed record: " + e.getMessage()));
                        }
                        continue;
                    }
                    if (row == null) {
                        break;
                    }
                    sink.accept(parseRow(o, row, columnOf, display, keyIdx, report));
                }
            } catch (IOException e) {
                if (report) {
                    int line = e instanceof RowSource.MalformedRowException m ? m.line : 0;
                    findings.add(Finding.error(FindingCode.SRC_001, Origin.file(display, line, 0), null,
                            "a readable " + o.format() + " file (" + e.getMessage() + ")"));
                }
            }
        }
    }

    /**
     * Fields the first pass needs (keys, references, index and dedupe fields, and every field of lookup, users and
     * custom-field objects). Only these are parsed twice; every other value is parsed, and reported, once, in the
     * second pass.
     */
    private boolean[] indexFields(SourceObject o) {
        return indexFields.computeIfAbsent(o.name(), n -> {
            CustomFieldLayout cf = catalog.customFields();
            boolean whole = o.lookup() || (catalog.users() != null && o.name().equals(catalog.users().object()))
                    || (cf != null && (o.name().equals(cf.definitions()) || o.name().equals(cf.values())));
            boolean[] need = new boolean[o.fields().size()];
            for (int i = 0; i < need.length; i++) {
                SourceField f = o.fields().get(i);
                need[i] = whole || o.keyFields().contains(f.name()) || f.type() == FieldType.REF || f.index() || f.dedupe();
            }
            return need;
        });
    }

    private Parsed parseRow(SourceObject o, RowSource.Row row, int[] columnOf, String display, int[] keyIdx,
                            boolean report) {
        boolean[] inIndex = indexFields(o);
        Object[] values = new Object[o.fields().size()];
        String key = null;
        for (int ki : keyIdx) {
            String k = columnOf[ki] >= 0 ? row.cells()[columnOf[ki]] : null;
            int bad = k == null ? -1 : ControlCharacters.first(k);
            if (bad >= 0) {
                // Reported with the key field's value below.
                k = ControlCharacters.remove(k, bad);
            }
            if (k == null || k.isBlank()) {
                key = null;
                break;
            }
            key = key == null ? k.strip() : key + "-" + k.strip();
        }
        for (int i = 0; i < values.length; i++) {
            if (columnOf[i] < 0) {
                continue;
            }
            if (report && !inIndex[i]) {
                continue;
            }
            SourceField f = o.fields().get(i);
            String raw = row.cells()[columnOf[i]];
            int bad = raw == null ? -1 : ControlCharacters.first(raw);
            if (bad >= 0) {
                if (report == inIndex[i]) {
                    findings.add(Finding.warning(FindingCode.SRC_020, new Origin(display, row.line(), 0,
                            recordKey(o, key), f.name()), ControlCharacters.shown(raw, bad), "text Odoo can store; "
                            + ControlCharacters.describe(raw, bad) + " is removed, since XML 1.0 (and so XML-RPC) "
                            + "cannot carry it"));
                }
                raw = ControlCharacters.remove(raw, bad);
            }
            ValueParser.Result r = parser.parse(o, f, raw);
            values[i] = r.value();
            if (r.problem() != null && report == inIndex[i]) {
                String recordKey = recordKey(o, key);
                Finding finding = new Finding(r.problem().code(), r.problem().error() ? dev.ferry.finding.Severity.ERROR
                        : dev.ferry.finding.Severity.WARNING, new Origin(display, row.line(), 0, recordKey, f.name()),
                        raw, r.problem().expected(), null, null);
                if (r.problem().code() == FindingCode.SRC_014 || r.problem().code() == FindingCode.SRC_011) {
                    finding = finding.withHint("catalogs/sources/" + catalog.platform() + ".yaml objects." + o.name()
                            + ".fields." + f.name() + " sets the format");
                }
                findings.add(finding);
            }
            if (r.problem() != null && !r.problem().error()) {
                values[i] = raw.strip();
            }
        }
        if (key == null && report) {
            findings.add(Finding.error(FindingCode.SRC_010, new Origin(display, row.line(), 0, null, o.key()), null,
                    "a record key in column '" + o.field(o.key()).column() + "'"));
        }
        return new Parsed(key, display, row.line(), values);
    }

    private int[] columns(SourceObject o, List<String> header, String display, boolean report) {
        int[] columnOf = new int[o.fields().size()];
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            pos.put(header.get(i).strip(), i);
        }
        boolean ok = true;
        Set<String> known = new HashSet<>();
        for (int i = 0; i < columnOf.length; i++) {
            SourceField f = o.fields().get(i);
            known.add(f.column());
            Integer p = pos.get(f.column());
            columnOf[i] = p == null ? -1 : p;
            if (p == null && (f.required() || f.name().equals(o.key()))) {
                ok = false;
                if (report) {
                    findings.add(Finding.error(FindingCode.SRC_002, Origin.file(display, 1, 0), null,
                            "a column '" + f.column() + "' for field " + o.name() + "." + f.name()));
                }
            }
        }
        if (!"json".equals(o.format())) {
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).strip();
                if (!known.contains(h) && report) {
                    // An undescribed column would be dropped without anyone deciding so (DESIGN invariant 1).
                    findings.add(Finding.error(FindingCode.SRC_003, Origin.file(display, 1, i + 1), h,
                            "a column described in catalogs/sources/" + catalog.platform() + ".yaml objects." + o.name())
                            .withHint("add the column to the catalog and map, ignore or declare it lossy in the rules"));
                }
            }
        }
        return ok ? columnOf : null;
    }

    private RowSource open(SourceObject o, Path file) throws IOException {
        return switch (o.format()) {
            case "json" -> new JsonRowSource(file, o.jsonPath(), o.fields().stream().map(SourceField::column).toList());
            case "xlsx" -> new XlsxRowSource(file, o.sheet());
            default -> new CsvRowSource(file, o.delimiter());
        };
    }

    private List<Path> files(SourceObject o) {
        if (!o.file().contains("*") && !o.file().contains("?")) {
            Path p = exportDir.resolve(o.file());
            return Files.isRegularFile(p) ? List.of(p) : List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + o.file());
        try (Stream<Path> s = Files.list(exportDir)) {
            return s.filter(p -> m.matches(p.getFileName())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
