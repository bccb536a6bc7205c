package dev.ferry.bench;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.LoadResult;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.PlanExecutor;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.RecordRef;
import dev.ferry.odoo.Secret;
import dev.ferry.odoo.StepTable;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.plan.CompileOptions;
import dev.ferry.plan.CompileResult;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanCompiler;
import dev.ferry.plan.PlanReader;
import dev.ferry.plan.PlanStep;
import dev.ferry.run.PlanLoad;
import dev.ferry.run.Rollback;
import dev.ferry.run.RunJournal;
import dev.ferry.run.SandboxTarget;
import dev.ferry.run.TargetUsers;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writer throughput: compiles a generated ASPEC export of about 10,000 loaded records, loads it with Ferry's
 * writer (preflight, existence look-ups, journal, failed-rows file) into a fresh embedded sandbox, then loads the
 * same header and rows with a plain loop of {@code OdooClient.load} calls (batches of 500, the same context keys)
 * into another fresh sandbox, and prints records/s for both and Ferry's overhead. With {@code ODOO_URL},
 * {@code ODOO_DB}, {@code ODOO_USER} and {@code ODOO_API_KEY} or {@code ODOO_PASSWORD} set it does the same against
 * that server, after a warning: Ferry's run is rolled back and the loop's records unlinked by external id.
 * Not a test; see docs/benchmarks.md for the command.
 *
 * <p>Arguments: {@code [source records, default 10000] [Odoo versions for the sandbox, default 17.0]}.
 */
public final class LoadBenchmark {
    private static final int BATCH = 500;
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Path WORK = HOME.resolve("target/bench-load");
    private static final Path USERS = TargetUsers.FIXTURE;

    private LoadBenchmark() {
    }

    /** One timed load. */
    private record Timing(String what, int records, int failed, long nanos, int calls) {
        double perSecond() {
            return records / (nanos / 1e9);
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<String> versions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("17.0");
        Files.createDirectories(WORK);
        System.out.printf("machine: %d cores, %s %s, Java %s, max heap %d MiB, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Path smallExport = export(400);
        for (String v : versions) {
            // Warm-up: both paths once on a small plan, so neither measured run pays for class loading and JIT.
            Path small = compile(v, smallExport, USERS, Map.of(), "warmup-" + v);
            ferryIntoSandbox(small);
            plainIntoSandbox(small);
        }
        Path export = export(n);
        for (String v : versions) {
            Path plan = compile(v, export, USERS, Map.of(), n + "-" + v);
            System.out.printf("%nsandbox, Odoo %s (%s), plan of %,d records from %,d source records, batches of %d:%n", v,
                    v.startsWith("19") ? "JSON-2" : "XML-RPC", records(plan), n, BATCH);
            Timing ferry = ferryIntoSandbox(plan);
            Timing plain = plainIntoSandbox(plan);
            print(ferry, plain);
        }
        if (System.getenv("ODOO_URL") != null) {
            realServer(n, export);
        } else {
            System.out.println("\n(set ODOO_URL, ODOO_DB, ODOO_USER and ODOO_API_KEY or ODOO_PASSWORD to measure a real server too)");
        }
    }

    private static Path export(int n) throws IOException {
        Path export = WORK.resolve("export-" + n);
        if (!Files.exists(export.resolve("interactions.csv"))) {
            AspecExportGenerator.generate(export, n);
        }
        return export;
    }

    private static Path compile(String version, Path export, Path users, Map<String, String> extra, String name) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("timezone", "America/Toronto"));
        options.putAll(extra);
        Path planDir = WORK.resolve("plan-" + name);
        CompileResult r = new PlanCompiler(new CompileOptions(HOME, "aspec", "aspec-to-odoo-crm", version, export, users,
                options, BATCH, planDir)).compile();
        if (!r.written()) {
            throw new IllegalStateException("the generated export did not compile for " + version + ": "
                    + r.findings().stream().filter(f -> f.isError()).limit(5).toList());
        }
        return planDir;
    }

    private static int records(Path planDir) {
        return PlanReader.read(planDir).steps().stream().filter(s -> !(s instanceof PlanStep.CallStep)).mapToInt(PlanStep::rows).sum();
    }

    private static void print(Timing ferry, Timing plain) {
        for (Timing t : List.of(ferry, plain)) {
            System.out.printf("  %-34s %,7d records in %6.1f s = %,6.0f records/s  (%s%s)%n", t.what(), t.records(),
                    t.nanos() / 1e9, t.perSecond(), t.calls() < 0 ? "calls not counted" : String.format("%,d calls", t.calls()),
                    t.failed() == 0 ? "" : ", " + t.failed() + " REFUSED");
        }
        System.out.printf("  Ferry / plain loop: %.2f of the loop's throughput (Ferry takes %.0f%% longer)%n",
                ferry.perSecond() / plain.perSecond(), 100.0 * (ferry.nanos() - plain.nanos()) / plain.nanos());
    }

    /** A fresh sandbox for the plan, with every user of the fixture's users file. */
    private static OdooSandbox sandbox(Path planDir) {
        Plan plan = PlanReader.read(planDir);
        return SandboxTarget.start(OdooCatalog.load(HOME.resolve("catalogs/odoo/" + plan.odooVersion())), plan, planDir);
    }

    private static OdooClient client(OdooSandbox odoo) {
        return OdooClient.connect(new OdooServer(odoo.url(), odoo.database()),
                new Credentials(odoo.login(), Secret.of(odoo.apiKey().toCharArray())), ClientOptions.defaults());
    }

    private static Timing ferryIntoSandbox(Path planDir) {
        try (OdooSandbox odoo = sandbox(planDir); OdooClient client = client(odoo)) {
            odoo.clearCalls();
            Timing t = ferry(client, odoo.url(), odoo.database(), true, planDir).timing();
            return new Timing(t.what(), t.records(), t.failed(), t.nanos(), odoo.callCount());
        }
    }

    private static Timing plainIntoSandbox(Path planDir) {
        try (OdooSandbox odoo = sandbox(planDir); OdooClient client = client(odoo)) {
            client.authenticate();
            odoo.clearCalls();
            return plain(client, planDir);
        }
    }

    /** A timed Ferry load and its run folder (for the rollback). */
    private record FerryRun(Timing timing, Path runDir) {
    }

    /** Ferry's writer as {@code ferry load} runs it; its calls are counted by the sandbox, or not at all (-1). */
    private static FerryRun ferry(OdooClient client, URI url, String db, boolean sandbox, Path planDir) {
        Plan plan = PlanReader.read(planDir);
        OdooCatalog catalog = OdooCatalog.load(HOME.resolve("catalogs/odoo/" + plan.odooVersion()));
        long start = System.nanoTime();
        PlanLoad.Outcome o = PlanLoad.load(planDir, catalog, new PlanLoad.Target(client, url, db, sandbox),
                new LoadOptions(BATCH, LoadOptions.OnError.CONTINUE, null, null), 0, WORK.resolve("runs"), null, List.of(),
                Clock.systemUTC());
        long nanos = System.nanoTime() - start;
        if (o.blocked()) {
            throw new IllegalStateException("preflight blocked: " + o.preflight().findings());
        }
        int records = o.report().steps().stream().mapToInt(s -> s.created() + s.updated()).sum();
        return new FerryRun(new Timing("Ferry writer (PlanLoad.load)", records, o.report().failedRows(), nanos, -1), o.runDir());
    }

    /**
     * What a hand-written import script does with the plan: every step's CSV in order, 500 records per
     * {@code load} call, the mail context keys plus the plan's context; {@code res_id/id} (which {@code load}
     * cannot resolve) looked up once per batch.
     */
    private static Timing plain(OdooClient client, Path planDir) {
        Plan plan = PlanReader.read(planDir);
        Map<String, Object> context = new LinkedHashMap<>(PlanExecutor.MAIL_CONTEXT);
        context.putAll(plan.context());
        int landed = 0;
        int failed = 0;
        int calls = 0;
        long start = System.nanoTime();
        for (PlanStep step : plan.steps()) {
            if (step instanceof PlanStep.CallStep) {
                continue;
            }
            StepTable table = StepTable.read(planDir.resolve(step.file()));
            List<String> header = new ArrayList<>(table.header());
            int resCol = header.indexOf("res_id/id");
            if (resCol >= 0) {
                header.set(resCol, "res_id");
            }
            List<StepTable.Record> all = table.records();
            for (int i = 0; i < all.size(); i += BATCH) {
                List<StepTable.Record> batch = all.subList(i, Math.min(all.size(), i + BATCH));
                Map<String, RecordRef> targets = Map.of();
                if (resCol >= 0) {
                    Set<String> xids = new LinkedHashSet<>();
                    batch.forEach(r -> xids.add(r.main().get(resCol)));
                    targets = client.lookupExternalIds(xids);
                    calls++;
                }
                List<List<String>> rows = new ArrayList<>();
                for (StepTable.Record r : batch) {
                    for (int k = 0; k < r.rows().size(); k++) {
                        List<String> row = new ArrayList<>(r.rows().get(k));
                        if (k == 0 && resCol >= 0) {
                            RecordRef ref = targets.get(row.get(resCol));
                            row.set(resCol, ref == null ? "" : Long.toString(ref.id()));
                        }
                        rows.add(row);
                    }
                }
                LoadResult result = client.load(step.model(), header, rows, context);
                calls++;
                if (result.saved()) {
                    landed += result.ids().size();
                } else {
                    failed += batch.size();
                }
            }
        }
        long nanos = System.nanoTime() - start;
        return new Timing("plain load loop (OdooClient.load)", landed, failed, nanos, calls);
    }

    // ---- against a real server ----

    private static void realServer(int n, Path export) throws Exception {
        String url = System.getenv("ODOO_URL");
        String db = System.getenv("ODOO_DB");
        String user = System.getenv("ODOO_USER");
        String variable = present("ODOO_API_KEY") ? "ODOO_API_KEY" : "ODOO_PASSWORD";
        String p = present("ODOO_PROTOCOL") ? System.getenv("ODOO_PROTOCOL").toLowerCase(Locale.ROOT) : "auto";
        Protocol protocol = p.equals("xml-rpc") ? Protocol.XML_RPC : p.equals("json-2") ? Protocol.JSON_2 : Protocol.AUTO;
        try (OdooClient client = OdooClient.connect(OdooServer.of(url, db), Credentials.fromEnv(user, variable),
                ClientOptions.defaults().withProtocol(protocol))) {
            String serie = client.version().serverSerie();
            serie = serie != null && serie.matches("\\d+\\.\\d+") ? serie : client.version().major() + ".0";
            if (client.protocol() == Protocol.JSON_2 && variable.equals("ODOO_PASSWORD")) {
                System.out.println("\nreal server skipped: Odoo " + serie + " speaks JSON-2, which takes an API key:"
                        + " set ODOO_API_KEY, or ODOO_PROTOCOL=xml-rpc");
                return;
            }
            URI uri = URI.create(url);
            System.out.printf("%nWARNING: about to write the plan of a generated %,d-record export (about as many records)"
                            + " into database '%s' at %s (Odoo %s, %s) as %s.%n"
                            + "Ferry's run is rolled back and the plain loop's records are unlinked by external id afterwards.%n"
                            + "Press Ctrl-C within 10 s if this database must not be written.%n",
                    n, db, PlanLoad.host(uri), serie, client.protocol(), user);
            Thread.sleep(10_000);
            Path users = TargetUsers.writeServerUsers(client, WORK.resolve("server-users.csv"));
            Path plan = compile(serie, export, users, Map.of("fallback-owner", TargetUsers.login(client)), n + "-real-" + serie);
            System.out.printf("%nreal server, Odoo %s (%s), plan of %,d records, batches of %d:%n", serie, client.protocol(),
                    records(plan), BATCH);
            Set<Path> runsBefore = runFolders();
            Timing ferry;
            try {
                ferry = ferry(client, uri, db, false, plan).timing();
            } finally {
                // Every run this benchmark started is undone, also one that stopped half-way.
                for (Path run : runFolders()) {
                    if (!runsBefore.contains(run)) {
                        long rb = System.nanoTime();
                        RunJournal journal = RunJournal.read(run);
                        Rollback.apply(client, journal, Rollback.plan(client, journal));
                        System.out.printf("  (Ferry's run %s rolled back in %.1f s)%n", journal.info().runId(), (System.nanoTime() - rb) / 1e9);
                    }
                }
            }
            Timing plain;
            try {
                plain = plain(client, plan);
            } finally {
                long un = System.nanoTime();
                int removed = unlinkByExternalId(client, plan);
                System.out.printf("  (plain loop's %,d records unlinked by external id in %.1f s)%n", removed, (System.nanoTime() - un) / 1e9);
            }
            print(ferry, plain);
        }
    }

    private static Set<Path> runFolders() throws IOException {
        Path runs = WORK.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return Set.of();
        }
        try (var list = Files.list(runs)) {
            return new java.util.TreeSet<>(list.filter(d -> Files.isRegularFile(d.resolve("journal.jsonl"))).toList());
        }
    }

    private static boolean present(String variable) {
        String v = System.getenv(variable);
        return v != null && !v.isEmpty();
    }

    /** Unlinks what the plan's external ids point at, last step first (children before parents). */
    private static int unlinkByExternalId(OdooClient client, Path planDir) {
        List<PlanStep> steps = new ArrayList<>(PlanReader.read(planDir).steps());
        Collections.reverse(steps);
        int removed = 0;
        for (PlanStep step : steps) {
            if (step instanceof PlanStep.CallStep) {
                continue;
            }
            List<String> xids = StepTable.read(planDir.resolve(step.file())).records().stream().map(StepTable.Record::xid).toList();
            for (int i = 0; i < xids.size(); i += BATCH) {
                List<Long> ids = client.lookupExternalIds(xids.subList(i, Math.min(xids.size(), i + BATCH))).values().stream()
                        .map(RecordRef::id).distinct().toList();
                if (!ids.isEmpty()) {
                    client.unlink(step.model(), ids);
                    removed += ids.size();
                }
            }
        }
        return removed;
    }
}
