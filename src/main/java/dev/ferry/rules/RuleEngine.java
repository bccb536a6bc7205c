package dev.ferry.rules;

import dev.ferry.catalog.FieldType;
import dev.ferry.catalog.SourceCatalog;
import dev.ferry.catalog.SourceField;
import dev.ferry.catalog.SourceObject;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.FindingsException;
import dev.ferry.finding.Origin;
import dev.ferry.rules.facts.Context;
import dev.ferry.rules.facts.Output;
import dev.ferry.rules.facts.RecordShape;
import dev.ferry.rules.facts.SourceRecord;
import dev.ferry.rules.facts.ValueMaps;
import dev.ferry.source.RawRecord;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.command.Command;
import org.kie.api.definition.type.FactType;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.command.CommandFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One KieBase built once from {@code rules/common} and {@code rules/<pair>} on disk, plus a DRL type per
 * catalog object that carries the object's fields as typed properties (Drools indexes only real properties).
 * Runs stateless sessions over batches of records; agenda groups fire in the order classify → map → check.
 */
public final class RuleEngine {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);
    /** SourceRecord's own properties; a catalog field of the same name stays reachable through get(). */
    private static final Set<String> RESERVED = Set.of("object", "key", "recordKey", "platform", "custom");
    private static final String[] GROUPS = {"check", "map", "classify"};

    private final KieBase kieBase;
    private final String pairPackage;
    private final Map<String, FactType> factTypes;
    /** Per object: how to make and fill its DRL fact, resolved once instead of by name for every record. */
    private final Map<String, FactMaker> makers = new HashMap<>();
    private final Map<String, RecordShape> shapes;
    private final Map<String, List<SourceField>> typedFields;
    private final Map<String, String> virtualToDisk;
    private final ValueMaps values;
    private final SourceCatalog catalog;

    private RuleEngine(KieBase kieBase, String pairPackage, Map<String, FactType> factTypes,
                       Map<String, RecordShape> shapes, Map<String, List<SourceField>> typedFields,
                       Map<String, String> virtualToDisk, ValueMaps values, SourceCatalog catalog) {
        this.kieBase = kieBase;
        this.pairPackage = pairPackage;
        this.factTypes = factTypes;
        this.shapes = shapes;
        this.typedFields = typedFields;
        this.virtualToDisk = virtualToDisk;
        this.values = values;
        this.catalog = catalog;
        factTypes.forEach((object, type) -> makers.put(object, new FactMaker(type, shapes.get(object),
                typedFields.get(object))));
    }

    /** The constructor and typed-field writers of one object's DRL type. */
    private static final class FactMaker {
        final java.lang.reflect.Constructor<?> constructor;
        final RecordShape shape;
        final org.kie.api.definition.type.FactField[] fields;
        final int[] positions;

        FactMaker(FactType type, RecordShape shape, List<SourceField> typed) {
            try {
                this.constructor = type.getFactClass().getConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("DRL type " + type.getName() + " has no public no-argument constructor", e);
            }
            this.shape = shape;
            this.fields = new org.kie.api.definition.type.FactField[typed.size()];
            this.positions = new int[typed.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = type.getField(typed.get(i).name());
                positions[i] = shape.index(typed.get(i).name());
            }
        }
    }

    /** The DRL package a pair's files must declare, e.g. {@code rules.aspec_to_odoo_crm}. */
    public static String packageOf(String pair) {
        return "rules." + pair.replace('-', '_');
    }

    /** The DRL type name generated for a catalog object, e.g. {@code custom_field_value} → {@code CustomFieldValue}. */
    public static String typeName(String object) {
        StringBuilder b = new StringBuilder();
        for (String part : object.split("_")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    /**
     * Builds the KieBase. {@code projectRoot} makes reported paths relative; DRL errors come back as findings with
     * the real file, line and column.
     */
    public static RuleEngine build(Path rulesRoot, String pair, SourceCatalog catalog, Path projectRoot) {
        Path pairDir = rulesRoot.resolve(pair);
        if (!Files.isDirectory(pairDir)) {
            throw FindingsException.of(Finding.error(FindingCode.DRL_001, Origin.file(rel(projectRoot, pairDir), 0, 0),
                    null, "a rules folder for pair '" + pair + "'"));
        }
        String pkg = packageOf(pair);
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("dev.ferry.rules", "r" + UUID.randomUUID().toString().replace("-", ""), "1.0.0");
        kfs.generateAndWritePomXML(rid);
        Map<String, String> virtualToDisk = new LinkedHashMap<>();
        List<Finding> problems = new ArrayList<>();

        Map<String, List<SourceField>> typed = new LinkedHashMap<>();
        String declarations = declarations(pkg, catalog, typed);
        String declPath = "src/main/resources/" + pkg.replace('.', '/') + "/ferry_generated_types.drl";
        kfs.write(ks.getResources().newByteArrayResource(declarations.getBytes(StandardCharsets.UTF_8))
                .setResourceType(ResourceType.DRL).setSourcePath(declPath));
        virtualToDisk.put(declPath, "<types generated from the source catalog>");

        for (Path dir : List.of(rulesRoot.resolve("common"), pairDir)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                    String text = Files.readString(drl, StandardCharsets.UTF_8);
                    Matcher m = PACKAGE.matcher(text);
                    String filePkg = m.find() ? m.group(1) : "";
                    String expected = dir.equals(pairDir) ? pkg : "rules.common";
                    if (!filePkg.equals(expected)) {
                        problems.add(Finding.error(FindingCode.DRL_001, Origin.file(rel(projectRoot, drl), 1, 1),
                                filePkg, "package " + expected));
                        continue;
                    }
                    String virtual = "src/main/resources/" + filePkg.replace('.', '/') + "/"
                            + dir.getFileName() + "_" + dir.relativize(drl).toString().replace('/', '_');
                    virtualToDisk.put(virtual, rel(projectRoot, drl));
                    kfs.write(virtual, ks.getResources().newByteArrayResource(text.getBytes(StandardCharsets.UTF_8))
                            .setResourceType(ResourceType.DRL));
                }
            } catch (IOException e) {
                problems.add(Finding.error(FindingCode.DRL_001, Origin.file(rel(projectRoot, dir), 0, 0), null,
                        "a readable rules folder (" + e.getMessage() + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new FindingsException(problems);
        }
        KieBuilder kb = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = kb.getResults().getMessages(Message.Level.ERROR);
        for (Message msg : errors) {
            // After a syntax error Drools adds a line-less "null Package" message for the same file: noise.
            if (msg.getText().contains("Parser returned a null Package") && errors.stream()
                    .anyMatch(o -> o != msg && java.util.Objects.equals(o.getPath(), msg.getPath()))) {
                continue;
            }
            String path = disk(virtualToDisk, msg.getPath());
            problems.add(Finding.error(FindingCode.DRL_001, Origin.file(path, Math.max(msg.getLine(), 0),
                    Math.max(msg.getColumn(), 0)), null, oneLine(msg.getText())));
        }
        if (!problems.isEmpty()) {
            throw new FindingsException(problems);
        }
        KieBase base = ks.newKieContainer(rid).getKieBase();
        ks.getRepository().removeKieModule(rid);
        Map<String, FactType> types = new HashMap<>();
        Map<String, RecordShape> shapes = new HashMap<>();
        for (SourceObject o : catalog.objects().values()) {
            types.put(o.name(), base.getFactType(pkg, typeName(o.name())));
            shapes.put(o.name(), new RecordShape(o.name(), o.fields().stream().map(SourceField::name).toList(),
                    o.keyFields()));
        }
        ValueMaps maps = ValueMapLoader.loadAll(pairDir.resolve("values"), projectRoot);
        return new RuleEngine(base, pkg, types, shapes, typed, virtualToDisk, maps, catalog);
    }

    /** Drools reports paths relative to src/main/resources; map them back to the file on disk. */
    private static String disk(Map<String, String> virtualToDisk, String path) {
        if (path == null) {
            return "<rules>";
        }
        String v = virtualToDisk.get(path);
        if (v == null) {
            v = virtualToDisk.get("src/main/resources/" + path);
        }
        return v != null ? v : path;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    static String rel(Path root, Path p) {
        try {
            return root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }

    private static String declarations(String pkg, SourceCatalog catalog, Map<String, List<SourceField>> typed) {
        StringBuilder b = new StringBuilder("package ").append(pkg).append(";\n\n");
        for (SourceObject o : catalog.objects().values()) {
            b.append("declare ").append(typeName(o.name())).append(" extends ")
                    .append(SourceRecord.class.getName()).append('\n');
            List<SourceField> fields = new ArrayList<>();
            for (SourceField f : o.fields()) {
                if (RESERVED.contains(f.name())) {
                    continue;
                }
                fields.add(f);
                b.append("    ").append(f.name()).append(" : ").append(javaType(f.type())).append('\n');
            }
            typed.put(o.name(), fields);
            b.append("end\n\n");
        }
        return b.toString();
    }

    private static String javaType(FieldType t) {
        return t.javaType().getName();
    }

    /** The pair's value maps. */
    public ValueMaps values() {
        return values;
    }

    public SourceCatalog catalog() {
        return catalog;
    }

    /** Turns a raw record into the object's DRL fact type with every field set. */
    public SourceRecord fact(String platform, RawRecord raw) {
        FactMaker maker = makers.get(raw.object());
        SourceRecord r;
        try {
            r = (SourceRecord) maker.constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate DRL type for " + raw.object(), e);
        }
        r.init(platform, raw.object(), raw.key(), raw.file(), raw.line(), maker.shape, raw.values());
        Object[] values = raw.values();
        for (int i = 0; i < maker.fields.length; i++) {
            Object v = values[maker.positions[i]];
            if (v != null) {
                maker.fields[i].set(r, v);
            }
        }
        r.attachCustom(raw.custom());
        r.attachReferencedBy(raw.referencedBy());
        r.attachDuplicates(raw.duplicates());
        return r;
    }

    /** A session runner for one thread; sessions are cheap, the KieBase is shared. */
    public Runner runner(Context ctx, Output out) {
        return new Runner(ctx, out);
    }

    /** Runs batches in one stateless session, stamping every emission with the rule that fired. */
    public final class Runner {
        private final StatelessKieSession session;
        private final Output out;

        private Runner(Context ctx, Output out) {
            this.out = out;
            this.session = kieBase.newStatelessKieSession();
            session.setGlobal("out", out);
            session.setGlobal("ctx", ctx);
            session.setGlobal("values", values);
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent event) {
                    out.enterRule(label(event.getMatch().getRule()));
                }
            });
        }

        /** Fires the rules over one batch of records. */
        public void run(List<SourceRecord> batch) {
            List<Command<?>> cmds = new ArrayList<>(GROUPS.length + 2);
            cmds.add(CommandFactory.newInsertElements(batch));
            for (String g : GROUPS) {
                cmds.add(new org.drools.commands.runtime.rule.AgendaGroupSetFocusCommand(g));
            }
            cmds.add(CommandFactory.newFireAllRules());
            session.execute(CommandFactory.newBatchExecution(cmds));
        }
    }

    private final Map<org.kie.api.definition.rule.Rule, String> labels = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code <drl path>: <rule name>}, the provenance stamp of a rule. */
    String label(org.kie.api.definition.rule.Rule rule) {
        return labels.computeIfAbsent(rule, r -> {
            String path = r instanceof RuleImpl impl && impl.getResource() != null
                    ? impl.getResource().getSourcePath() : null;
            return (path == null ? r.getPackageName() : disk(virtualToDisk, path)) + ": " + r.getName();
        });
    }

    /** Every rule of the KieBase by package, for listings and consistency checks. */
    public List<String> ruleLabels() {
        List<String> out = new ArrayList<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> out.add(label(r))));
        out.sort(null);
        return out;
    }

    public String pairPackage() {
        return pairPackage;
    }
}
