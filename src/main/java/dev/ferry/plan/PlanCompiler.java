package dev.ferry.plan;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.catalog.SourceCatalog;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Findings;
import dev.ferry.finding.FindingsException;
import dev.ferry.finding.Origin;
import dev.ferry.finding.Severity;
import dev.ferry.rules.RuleEngine;
import dev.ferry.rules.facts.Context;
import dev.ferry.rules.facts.Output;
import dev.ferry.rules.facts.SourceRecord;
import dev.ferry.rules.facts.TargetRecord;
import dev.ferry.rules.facts.UserDirectory;
import dev.ferry.source.ExportReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compiler: export + catalogs + rules → a validated, ordered plan folder. It never talks to Odoo.
 * Errors anywhere mean no plan: the folder then holds only {@code findings.csv}.
 */
public final class PlanCompiler {
    private static final int RULE_BATCH = 1000;

    private final CompileOptions options;
    private RuleEngine engine;
    private SourceCatalog catalog;
    private OdooCatalog odoo;

    public PlanCompiler(CompileOptions options) {
        this.options = options;
    }

    /** Loads catalogs and builds the KieBase; reusable across compiles of the same pair (benchmarks). */
    public PlanCompiler prepare() {
        if (engine == null) {
            catalog = SourceCatalog.load(options.sourceCatalog(), rel(options.sourceCatalog()));
            odoo = OdooCatalog.load(options.odooCatalog());
            engine = RuleEngine.build(options.rulesRoot(), options.pair(), catalog, options.projectRoot());
        }
        return this;
    }

    public RuleEngine engine() {
        return prepare().engine;
    }

    public CompileResult compile() {
        long start = System.nanoTime();
        Findings findings = new Findings();
        Path planDir = options.planDir().toAbsolutePath().normalize();
        // The plan is built beside its final place and moved in at the end, so a crash never leaves half a plan.
        Path staging = planDir.resolveSibling(planDir.getFileName() + ".partial");
        try {
            prepare();
            deleteTree(staging);
            clean(planDir);
            UserDirectory users = readUsers(options.usersFile(), findings);
            ExportReader reader = new ExportReader(catalog, options.exportDir(), rel(options.exportDir()), findings);
            reader.index();
            if (findings.hasErrors()) {
                return refuse(planDir, findings, start, 0, reader.counts());
            }
            Map<String, Map<String, SourceRecord>> lookups = new TreeMap<>();
            reader.lookups().forEach((object, byKey) -> {
                Map<String, SourceRecord> facts = new java.util.LinkedHashMap<>();
                byKey.forEach((k, raw) -> facts.put(k, engine.fact(catalog.platform(), raw)));
                lookups.put(object, facts);
            });
            Context ctx = new Context(catalog.platform(), odoo.major(), options.apps() != null ? options.apps() : odoo.apps(),
                    users, reader.sourceUserEmails(),
                    options.options(), lookups, reader::indexed);
            Output out = new Output(catalog.platform(), ctx, findings);
            RuleEngine.Runner runner = engine.runner(ctx, out);
            Path work = Files.createTempDirectory("ferry-plan");
            PlanBuilder builder = new PlanBuilder(odoo, findings, work, options.exportDir().toAbsolutePath());
            Map<String, int[]> unclaimed = new TreeMap<>();
            Map<String, Origin> firstUnclaimed = new TreeMap<>();
            long[] records = {0};
            Pipeline pipeline = new Pipeline();
            try {
                // Three stages, each in order: read + facts | rules | validate + spool. Plans stay deterministic.
                Pipeline.Source<List<SourceRecord>> reading = pipeline.produce("ferry-read", facts -> {
                    List<SourceRecord> batch = new ArrayList<>(RULE_BATCH);
                    reader.forEach(raw -> {
                        batch.add(engine.fact(catalog.platform(), raw));
                        records[0]++;
                        if (batch.size() == RULE_BATCH) {
                            facts.put(new ArrayList<>(batch));
                            batch.clear();
                        }
                    });
                    facts.put(batch);
                });
                // The rules stage is the slowest: everything that can wait for the next stage does.
                Pipeline.Drain<Ruled> planning = pipeline.consume("ferry-plan", (Ruled ruled) -> {
                    countUnclaimed(ruled.batch(), unclaimed, firstUnclaimed);
                    List<TargetRecord> rows = ruled.emitted();
                    // Rules fire in agenda order, not export order: rows are put back in export order, schema
                    // first, so custom fields are known before the rows that use them and plans read like the export.
                    rows.sort(EXPORT_ORDER);
                    rows.forEach(builder::accept);
                });
                for (List<SourceRecord> batch; (batch = reading.take()) != null; ) {
                    planning.put(runBatch(runner, out, batch));
                }
                planning.finish();
            } finally {
                pipeline.close();
            }
            out.calls().forEach(builder::acceptCall);
            reportUnclaimed(unclaimed, firstUnclaimed, findings);
            reportDispositions(out, findings);
            PlanBuilder.Built built = builder.finish(staging, "ferry_" + catalog.platform() + ".");
            deleteTree(work);
            if (built == null) {
                deleteTree(staging);
                return refuse(planDir, findings, start, records[0], reader.counts());
            }
            Plan plan = new Plan(catalog.platform(), options.pair(), odoo.version(), digest(),
                    options.batchSize(), planContext(), built.steps(), reader.counts(),
                    PlanWriter.documentCounts(out.documents()));
            PlanWriter.write(plan, staging, findings.list(), out);
            clean(planDir);
            Files.move(staging, planDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new CompileResult(plan, planDir, PlanWriter.sorted(findings.list()), records[0],
                    System.nanoTime() - start, reader.counts());
        } catch (FindingsException e) {
            findings.addAll(e.findings());
            return refuse(planDir, findings, start, 0, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> planContext() {
        Map<String, String> ctx = new TreeMap<>();
        String tz = options.options().get("timezone");
        if (tz != null) {
            ctx.put("tz", tz);
        }
        return ctx;
    }

    /** A batch after the rules ran: its source records (to check every field was claimed) and what they emitted. */
    private record Ruled(List<SourceRecord> batch, List<TargetRecord> emitted) {
    }

    /** Schema models first in their order, then by export file and line; records of one file share its name. */
    private static final java.util.Comparator<TargetRecord> EXPORT_ORDER = (a, b) -> {
        int c = Integer.compare(PlanBuilder.schemaRank(a.getModel()), PlanBuilder.schemaRank(b.getModel()));
        if (c != 0) {
            return c;
        }
        String fa = a.origin().file();
        String fb = b.origin().file();
        if (fa != fb) {
            c = (fa == null ? "" : fa).compareTo(fb == null ? "" : fb);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.origin().line(), b.origin().line());
    };

    private Ruled runBatch(RuleEngine.Runner runner, Output out, List<SourceRecord> batch) {
        if (batch.isEmpty()) {
            return new Ruled(batch, new ArrayList<>());
        }
        try {
            runner.run(batch);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw FindingsException.of(new Finding(FindingCode.DRL_003, Severity.ERROR, batch.get(0).origin(), null,
                    "rules to run without error; a rule failed with: " + cause.getMessage(), null, null));
        }
        return new Ruled(batch, out.drainRecords());
    }

    private static void countUnclaimed(List<SourceRecord> batch, Map<String, int[]> unclaimed, Map<String, Origin> first) {
        for (SourceRecord r : batch) {
            for (String f : r.unclaimed()) {
                String k = r.getObject() + "." + f;
                unclaimed.computeIfAbsent(k, x -> new int[1])[0]++;
                first.putIfAbsent(k, r.origin().withField(f));
            }
        }
    }

    private void reportUnclaimed(Map<String, int[]> unclaimed, Map<String, Origin> first, Findings findings) {
        for (var e : unclaimed.entrySet()) {
            int n = e.getValue()[0];
            findings.add(Finding.error(FindingCode.MAP_001, first.get(e.getKey()), null,
                    "source field " + e.getKey() + " is not mapped, declared lossy or ignored by any rule"
                            + (n > 1 ? " (" + n + " records)" : ""))
                    .withHint("map it, or call out.lossy/out.ignore for it in rules/" + options.pair()));
        }
    }

    private void reportDispositions(Output out, Findings findings) {
        for (Output.Disposition d : out.dispositions()) {
            if (d.lossy()) {
                findings.add(new Finding(FindingCode.MAP_003, Severity.WARNING,
                        new Origin(null, 0, 0, d.firstRecord(), d.field()), null,
                        "carried with loss in " + d.count() + " record(s): " + d.reason(), null, d.rule()));
            }
        }
    }

    private CompileResult refuse(Path planDir, Findings findings, long start, long records, Map<String, Integer> counts) {
        try {
            clean(planDir);
            Files.createDirectories(planDir);
            PlanWriter.writeFindings(planDir.resolve("findings.csv"), findings.list());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CompileResult(null, planDir, PlanWriter.sorted(findings.list()), records, System.nanoTime() - start,
                counts);
    }

    private UserDirectory readUsers(Path file, Findings findings) {
        UserDirectory users = new UserDirectory();
        if (file == null) {
            return users;
        }
        try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (String col : List.of("id", "login", "email", "name")) {
                if (!p.getHeaderNames().contains(col)) {
                    findings.add(Finding.error(FindingCode.SRC_002, Origin.file(rel(file), 1, 0), null,
                            "a column '" + col + "' in the users file (id,login,email,name)"));
                    return users;
                }
            }
            for (CSVRecord r : p) {
                try {
                    users.add(new UserDirectory.User(Long.parseLong(r.get("id").strip()), r.get("login"), r.get("email"),
                            r.get("name")));
                } catch (NumberFormatException e) {
                    findings.add(Finding.error(FindingCode.SRC_011, new Origin(rel(file), (int) r.getRecordNumber() + 1,
                            0, null, "id"), r.get("id"), "an Odoo user's database id"));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            findings.add(Finding.error(FindingCode.SRC_001, Origin.file(rel(file), 0, 0), null,
                    "a readable users file (" + e.getMessage() + ")"));
        }
        return users;
    }

    /** SHA-256 over every input file's relative path and bytes, plus the options, in a fixed order. */
    private String digest() throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> inputs = new ArrayList<>();
        inputs.add(options.sourceCatalog());
        // Only what the engine reads counts: editing NOTES.md must not change a plan.
        for (Path p : tree(options.rulesRoot().resolve("common"))) {
            if (p.toString().endsWith(".drl")) {
                inputs.add(p);
            }
        }
        for (Path p : tree(options.rulesRoot().resolve(options.pair()))) {
            if (p.toString().endsWith(".drl") || p.toString().endsWith(".yaml")) {
                inputs.add(p);
            }
        }
        inputs.addAll(tree(options.odooCatalog()));
        if (options.usersFile() != null) {
            inputs.add(options.usersFile());
        }
        byte[] buffer = new byte[1 << 16];
        for (Path p : inputs) {
            md.update(rel(p).getBytes(StandardCharsets.UTF_8));
            update(md, p, buffer);
        }
        for (Path p : tree(options.exportDir())) {
            md.update(options.exportDir().relativize(p).toString().getBytes(StandardCharsets.UTF_8));
            update(md, p, buffer);
        }
        md.update(new TreeMap<>(options.options()).toString().getBytes(StandardCharsets.UTF_8));
        md.update(Integer.toString(options.batchSize()).getBytes(StandardCharsets.UTF_8));
        if (options.apps() != null) {
            md.update(new java.util.TreeSet<>(options.apps()).toString().getBytes(StandardCharsets.UTF_8));
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** Feeds a file to the digest in chunks: exports can be larger than the heap. */
    private static void update(java.security.MessageDigest md, Path file, byte[] buffer) throws IOException {
        try (var in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
    }

    private static List<Path> tree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private String rel(Path p) {
        Path root = options.projectRoot().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : p.toString();
    }

    /** Replaces an earlier plan; a folder that is not a plan is never deleted. */
    private static void clean(Path planDir) throws IOException {
        if (!Files.isDirectory(planDir)) {
            return;
        }
        boolean empty;
        try (var s = Files.list(planDir)) {
            empty = s.findAny().isEmpty();
        }
        if (!empty && !Files.exists(planDir.resolve("plan.yaml")) && !Files.exists(planDir.resolve("findings.csv"))) {
            throw FindingsException.of(Finding.error(FindingCode.CLI_001, Origin.file(planDir.toString(), 0, 0), null,
                    "an empty folder or an earlier plan folder to write the plan into; this folder holds other files"));
        }
        deleteTree(planDir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
