package dev.ferry.bench;

import dev.ferry.bench.CountingClient.Tally;
import dev.ferry.catalog.OdooCatalog;
import dev.ferry.odoo.BatchListener;
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
import dev.ferry.odoo.StepStatus;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Writer throughput: compiles a generated ASPEC export of about 10,000 loaded records, then times Ferry's writer
 * ({@code PlanLoad.load}: preflight, existence look-ups, journal, failed-rows file) against a plain loop of
 * {@code OdooClient.load} calls over the same header and rows (batches of 500, the same context keys), alternately,
 * several runs each, and prints records/s overall and per step, the calls each made by kind, the load average, and
 * the median ratio. Each run of the sandbox mode gets a fresh embedded sandbox. With {@code ODOO_URL}, {@code ODOO_DB},
 * {@code ODOO_USER} and {@code ODOO_API_KEY} or {@code ODOO_PASSWORD} set it does the same against that server,
 * after a warning: Ferry's run is rolled back and the loop's records unlinked by external id, and the record counts
 * must be back where they started before the next run. Not a test; see docs/benchmarks.md for the command.
 *
 * <p>Arguments: {@code [source records, default 10000] [Odoo versions for the sandbox, default 17.0]
 * [--runs=N, default 3] [--quick] [--real-only]}. {@code --quick} warms up on a smaller plan and does not wait
 * after the warning (for scripts); {@code --real-only} skips the sandbox.
 */
public final class LoadBenchmark {
    private static final int BATCH = 500;
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Path WORK = HOME.resolve("target/bench-load");
    private static final Path RUNS = WORK.resolve("runs");
    private static final Path USERS = TargetUsers.FIXTURE;
    /**
     * Models where Odoo makes records of its own while a plan loads (followers, chatter, tracking, the selection
     * values and external ids of custom fields); counted with the plan's models so a run that leaves any behind is
     * caught before it slows the next one.
     */
    private static final List<String> SIDE_MODELS = List.of("mail.tracking.value", "mail.message", "mail.followers",
            "mail.activity", "ir.attachment", "ir.model.fields.selection", "ir.model.fields", "ir.model.data");

    private LoadBenchmark() {
    }

    private record Settings(int records, List<String> versions, int runs, boolean quick, boolean realOnly) {
        static Settings parse(String[] args) {
            int records = 10_000;
            int runs = 3;
            boolean quick = false;
            boolean realOnly = false;
            List<String> versions = new ArrayList<>();
            boolean first = true;
            for (String a : args) {
                if (a.startsWith("--runs=")) {
                    runs = Integer.parseInt(a.substring("--runs=".length()));
                } else if (a.equals("--quick")) {
                    quick = true;
                } else if (a.equals("--real-only")) {
                    realOnly = true;
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a + "; expected --runs=N, --quick or --real-only");
                } else if (first && a.matches("\\d+")) {
                    records = Integer.parseInt(a);
                } else {
                    versions.add(a);
                }
                first = false;
            }
            if (runs < 1) {
                throw new IllegalArgumentException("--runs=" + runs + "; expected at least 1");
            }
            return new Settings(records, versions.isEmpty() ? List.of("17.0") : List.copyOf(versions), runs, quick, realOnly);
        }

        int warmupRecords() {
            return quick ? 100 : 400;
        }
    }

    /** Records of one step that landed, and the wall time the step took. */
    private record StepTime(String step, String model, int records, long nanos) {
        double perSecond() {
            return records / (nanos / 1e9);
        }
    }

    /**
     * One timed load.
     *
     * @param beforeSteps wall time before the first step (Ferry's preflight and journal opening; 0 for the loop)
     * @param calls       model-method calls made inside the timed span, by {@code model.method}
     * @param cpuNanos    this JVM's CPU time over the span (the client's own work, all threads)
     */
    private record Timing(String what, int records, int failed, long nanos, long beforeSteps, Map<String, Tally> calls,
                          List<StepTime> steps, double loadBefore, double loadAfter, long cpuNanos) {
        double perSecond() {
            return records / (nanos / 1e9);
        }

        long callCount() {
            return CountingClient.calls(calls);
        }

        /** Wall time not spent waiting for Odoo: the client's own work (and, for Ferry, the journal's fsyncs). */
        long localNanos() {
            return nanos - CountingClient.nanos(calls);
        }

        StepTime step(String model) {
            return steps.stream().filter(s -> s.model().equals(model) && s.records() > 0).findFirst().orElse(null);
        }
    }

    /** Ferry's and the loop's run of one pair, in the order they ran. */
    private record Pair(int number, boolean ferryFirst, Timing ferry, Timing loop) {
        double ratio() {
            return ferry.perSecond() / loop.perSecond();
        }
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        Files.createDirectories(WORK);
        System.out.printf("machine: %d cores, %s %s, Java %s, max heap %d MiB, %s; load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, LocalDate.now(), loadAverage());
        Path export = export(s.records());
        if (!s.realOnly()) {
            sandbox(s, export);
        }
        if (System.getenv("ODOO_URL") != null) {
            realServer(s, export);
        } else {
            System.out.println("\n(set ODOO_URL, ODOO_DB, ODOO_USER and ODOO_API_KEY or ODOO_PASSWORD to measure a real server too)");
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long cpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
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

    /**
     * Pairs of runs, Ferry first in odd pairs and the loop first in even ones, so a drift in the machine's load or the
     * server's state over the session does not always favour the same side.
     */
    private static List<Pair> alternate(int runs, Supplier<Timing> ferry, Supplier<Timing> loop) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            boolean ferryFirst = i % 2 == 1;
            Timing f;
            Timing l;
            if (ferryFirst) {
                f = printed(i, ferry.get());
                l = printed(i, loop.get());
            } else {
                l = printed(i, loop.get());
                f = printed(i, ferry.get());
            }
            pairs.add(new Pair(i, ferryFirst, f, l));
        }
        return pairs;
    }

    private static Timing printed(int run, Timing t) {
        StepTime partners = t.step("res.partner");
        System.out.printf("  run %d %-5s %,7d records in %6.1f s = %,5.0f rec/s; partners %s; %,d calls (%s);"
                        + " waiting for Odoo %.1f s, local %.1f s (CPU %.1f s)%s; load average %.2f → %.2f%s%n",
                run, t.what(), t.records(), t.nanos() / 1e9, t.perSecond(),
                partners == null ? "none" : String.format("%,.0f rec/s", partners.perSecond()), t.callCount(),
                CountingClient.describe(t.calls()), CountingClient.nanos(t.calls()) / 1e9, t.localNanos() / 1e9,
                t.cpuNanos() / 1e9, t.beforeSteps() > 0 ? String.format(", before the first step %.1f s", t.beforeSteps() / 1e9) : "",
                t.loadBefore(), t.loadAfter(), t.failed() == 0 ? "" : ", " + t.failed() + " REFUSED");
        return t;
    }

    // ---- the two paths ----

    /** Times each step of Ferry's run and notes when the first one starts (the end of the preflight). */
    private static final class StepClock implements BatchListener {
        private final List<StepTime> steps = new ArrayList<>();
        private long firstStep;
        private long stepStart;
        private String model;
        private int landed;

        @Override
        public void stepStarted(String stepId, String model, int records, int batches) {
            stepStart = System.nanoTime();
            if (firstStep == 0) {
                firstStep = stepStart;
            }
            this.model = model;
            landed = 0;
        }

        @Override
        public void batchEnded(BatchOutcome outcome) {
            landed += outcome.created().size() + outcome.updated().size();
        }

        @Override
        public void stepEnded(String stepId, StepStatus status) {
            steps.add(new StepTime(stepId, model, landed, System.nanoTime() - stepStart));
        }
    }

    /** Ferry's writer as {@code ferry load} runs it. */
    private static Timing ferry(CountingClient client, URI url, String db, boolean sandbox, Path planDir) {
        Plan plan = PlanReader.read(planDir);
        OdooCatalog catalog = OdooCatalog.load(HOME.resolve("catalogs/odoo/" + plan.odooVersion()));
        StepClock clock = new StepClock();
        double loadBefore = loadAverage();
        Map<String, Tally> calls0 = client.snapshot();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        PlanLoad.Outcome o = PlanLoad.load(planDir, catalog, new PlanLoad.Target(client, url, db, sandbox),
                new LoadOptions(BATCH, LoadOptions.OnError.CONTINUE, null, null), 0, RUNS, null, List.of(clock),
                Clock.systemUTC());
        long nanos = System.nanoTime() - start;
        cpu = cpuNanos() - cpu;
        Map<String, Tally> calls = CountingClient.minus(client.snapshot(), calls0);
        if (o.blocked()) {
            throw new IllegalStateException("preflight blocked: " + o.preflight().findings());
        }
        int records = o.report().steps().stream().mapToInt(s -> s.created() + s.updated()).sum();
        return new Timing("Ferry", records, o.report().failedRows(), nanos, clock.firstStep - start, calls,
                List.copyOf(clock.steps), loadBefore, loadAverage(), cpu);
    }

    /**
     * What a hand-written import script does with the plan: every step's CSV in order, 500 records per
     * {@code load} call, the mail context keys plus the plan's context; {@code res_id/id} (which {@code load}
     * cannot resolve) looked up once per batch.
     */
    private static Timing plain(CountingClient client, Path planDir) {
        Plan plan = PlanReader.read(planDir);
        Map<String, Object> context = new LinkedHashMap<>(PlanExecutor.MAIL_CONTEXT);
        context.putAll(plan.context());
        int landed = 0;
        int failed = 0;
        List<StepTime> steps = new ArrayList<>();
        double loadBefore = loadAverage();
        Map<String, Tally> calls0 = client.snapshot();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        for (PlanStep step : plan.steps()) {
            if (step instanceof PlanStep.CallStep) {
                continue;
            }
            long stepStart = System.nanoTime();
            int stepLanded = 0;
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
                if (result.saved()) {
                    stepLanded += result.ids().size();
                } else {
                    failed += batch.size();
                }
            }
            landed += stepLanded;
            steps.add(new StepTime(step.id(), step.model(), stepLanded, System.nanoTime() - stepStart));
        }
        long nanos = System.nanoTime() - start;
        cpu = cpuNanos() - cpu;
        return new Timing("loop", landed, failed, nanos, 0, CountingClient.minus(client.snapshot(), calls0),
                List.copyOf(steps), loadBefore, loadAverage(), cpu);
    }

    // ---- the sandbox ----

    private static void sandbox(Settings s, Path export) throws IOException {
        Path smallExport = export(s.warmupRecords());
        for (String v : s.versions()) {
            // Warm-up: both paths once on a small plan, so neither measured run pays for class loading and JIT.
            Path small = compile(v, smallExport, USERS, Map.of(), "warmup-" + v);
            ferryIntoSandbox(small);
            plainIntoSandbox(small);
        }
        for (String v : s.versions()) {
            Path plan = compile(v, export, USERS, Map.of(), s.records() + "-" + v);
            String protocol = v.startsWith("19") ? "JSON-2" : "XML-RPC";
            System.out.printf("%nsandbox, Odoo %s (%s), plan of %,d records from %,d source records, batches of %d,"
                    + " %d alternating runs each, a fresh sandbox per run:%n", v, protocol, records(plan), s.records(), BATCH, s.runs());
            List<Pair> pairs = alternate(s.runs(), () -> ferryIntoSandbox(plan), () -> plainIntoSandbox(plan));
            summary("sandbox " + v, protocol, pairs);
        }
    }

    /** A fresh sandbox for the plan, with every user of the fixture's users file. */
    private static OdooSandbox sandbox(Path planDir) {
        Plan plan = PlanReader.read(planDir);
        return SandboxTarget.start(OdooCatalog.load(HOME.resolve("catalogs/odoo/" + plan.odooVersion())), plan, planDir);
    }

    private static CountingClient client(OdooSandbox odoo) {
        return new CountingClient(OdooClient.connect(new OdooServer(odoo.url(), odoo.database()),
                new Credentials(odoo.login(), Secret.of(odoo.apiKey().toCharArray())), ClientOptions.defaults()));
    }

    private static Timing ferryIntoSandbox(Path planDir) {
        try (OdooSandbox odoo = sandbox(planDir); CountingClient client = client(odoo)) {
            return ferry(client, odoo.url(), odoo.database(), true, planDir);
        }
    }

    private static Timing plainIntoSandbox(Path planDir) {
        try (OdooSandbox odoo = sandbox(planDir); CountingClient client = client(odoo)) {
            client.authenticate();
            return plain(client, planDir);
        }
    }

    // ---- a real server ----

    private static void realServer(Settings s, Path export) throws Exception {
        String url = System.getenv("ODOO_URL");
        String db = System.getenv("ODOO_DB");
        String user = System.getenv("ODOO_USER");
        String variable = present("ODOO_API_KEY") ? "ODOO_API_KEY" : "ODOO_PASSWORD";
        String p = present("ODOO_PROTOCOL") ? System.getenv("ODOO_PROTOCOL").toLowerCase(Locale.ROOT) : "auto";
        Protocol protocol = p.equals("xml-rpc") ? Protocol.XML_RPC : p.equals("json-2") ? Protocol.JSON_2 : Protocol.AUTO;
        try (CountingClient client = new CountingClient(OdooClient.connect(OdooServer.of(url, db),
                Credentials.fromEnv(user, variable), ClientOptions.defaults().withProtocol(protocol)))) {
            String serie = client.version().serverSerie();
            serie = serie != null && serie.matches("\\d+\\.\\d+") ? serie : client.version().major() + ".0";
            if (client.protocol() == Protocol.JSON_2 && variable.equals("ODOO_PASSWORD")) {
                System.out.println("\nreal server skipped: Odoo " + serie + " speaks JSON-2, which takes an API key:"
                        + " set ODOO_API_KEY, or ODOO_PROTOCOL=xml-rpc");
                return;
            }
            URI uri = URI.create(url);
            int wait = s.quick() ? 0 : 10;
            System.out.printf("%nWARNING: about to write the plan of a generated %,d-record export (about as many records)"
                            + " %d times, and a warm-up plan twice, into database '%s' at %s (Odoo %s, %s) as %s.%n"
                            + "Ferry's runs are rolled back and the plain loop's records are unlinked by external id after each run.%n"
                            + (wait > 0 ? "Press Ctrl-C within " + wait + " s if this database must not be written.%n" : ""),
                    s.records(), 2 * s.runs(), db, PlanLoad.host(uri), serie, client.protocol(), user);
            Thread.sleep(wait * 1000L);
            Path users = TargetUsers.writeServerUsers(client, WORK.resolve("server-users.csv"));
            Map<String, String> owner = Map.of("fallback-owner", TargetUsers.login(client));
            Path plan = compile(serie, export, users, owner, s.records() + "-real-" + serie);
            Path small = compile(serie, export(s.warmupRecords()), users, owner, "warmup-real-" + serie);
            Fresh fresh = Fresh.of(client, plan);

            // Warm-up on the server too: its first loads fill Odoo's caches (and the JVM's, with --real-only).
            System.out.printf("%nwarm-up on the server, plan of %,d records:%n", records(small));
            cleanAfter(client, fresh, "Ferry", () -> ferry(client, uri, db, false, small));
            cleanAfter(client, fresh, "loop", () -> plain(client, small));

            String proto = client.protocol() == Protocol.JSON_2 ? "JSON-2" : "XML-RPC";
            System.out.printf("%nreal server, Odoo %s (%s), plan of %,d records, batches of %d, %d alternating runs each:%n",
                    serie, proto, records(plan), BATCH, s.runs());
            List<Pair> pairs = alternate(s.runs(), () -> cleanAfter(client, fresh, "Ferry", () -> ferry(client, uri, db, false, plan)),
                    () -> cleanAfter(client, fresh, "loop", () -> plain(client, plan)));
            summary(serie, proto, pairs);
        }
    }

    private static boolean present(String variable) {
        String v = System.getenv(variable);
        return v != null && !v.isEmpty();
    }

    /**
     * Runs a timed load, then puts the database back: Ferry's run rolled back from its journal (also a run that
     * stopped half-way), the loop's records unlinked by external id; then checks every count is back.
     */
    private static Timing cleanAfter(CountingClient client, Fresh fresh, String what, Supplier<Timing> run) {
        Set<Path> runsBefore = runFolders();
        Timing t = null;
        try {
            t = run.get();
            return t;
        } finally {
            long start = System.nanoTime();
            if (what.equals("Ferry")) {
                for (Path dir : runFolders()) {
                    if (!runsBefore.contains(dir)) {
                        RunJournal journal = RunJournal.read(dir);
                        Rollback.apply(client, journal, Rollback.plan(client, journal));
                    }
                }
            } else {
                unlinkByExternalId(client, fresh.plan());
            }
            List<String> left = fresh.restore(client);
            System.out.printf("    (%s %s in %.1f s%s)%n", what, what.equals("Ferry") ? "rolled back" : "records unlinked",
                    (System.nanoTime() - start) / 1e9, left.isEmpty() ? "; every count back"
                            : "; left behind and removed: " + String.join(", ", left));
            if (t == null) {
                System.out.println("    (the run failed; the database is back as it was)");
            }
        }
    }

    private static Set<Path> runFolders() {
        if (!Files.isDirectory(RUNS)) {
            return Set.of();
        }
        try (var list = Files.list(RUNS)) {
            return new TreeSet<>(list.filter(d -> Files.isRegularFile(d.resolve("journal.jsonl"))).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Unlinks what the plan's external ids point at, last step first (children before parents). */
    private static void unlinkByExternalId(OdooClient client, Path planDir) {
        List<PlanStep> steps = new ArrayList<>(PlanReader.read(planDir).steps());
        Collections.reverse(steps);
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
                }
            }
        }
    }

    /**
     * The state every run must start from: the record count and highest id of each model the plan writes and of the
     * side-effect models. A run's leftovers would make the next run slower (or, left in place by the loop, turn
     * Ferry's creates into updates), which biases the ratio; so after each clean-up what is above the highest id is
     * reported and removed, and the counts must then equal the start's.
     */
    private record Fresh(Path plan, Map<String, Long> counts, Map<String, Long> maxIds) {
        static Fresh of(OdooClient client, Path planDir) {
            // Children before parents when leftovers are removed: the plan's models last step first, then side models.
            List<String> models = new ArrayList<>();
            for (PlanStep step : PlanReader.read(planDir).steps()) {
                if (!(step instanceof PlanStep.CallStep) && !models.contains(step.model())) {
                    models.add(0, step.model());
                }
            }
            Set<String> installed = new java.util.HashSet<>();
            for (Map<String, Object> m : client.searchRead("ir.model", List.of(List.of("model", "in", SIDE_MODELS)), List.of("model"))) {
                installed.add(String.valueOf(m.get("model")));
            }
            SIDE_MODELS.stream().filter(installed::contains).filter(m -> !models.contains(m)).forEach(models::add);
            Map<String, Long> maxIds = new LinkedHashMap<>();
            for (String m : models) {
                List<Long> top = ids(client.execute(m, "search", List.of(List.of()),
                        Map.of("limit", 1, "order", "id desc", "context", Map.of("active_test", false))));
                maxIds.put(m, top.isEmpty() ? 0L : top.get(0));
            }
            return new Fresh(planDir, counts(client, models), maxIds);
        }

        private static List<Long> ids(Object answer) {
            return ((List<?>) answer).stream().map(o -> (Long) o).toList();
        }

        private static Map<String, Long> counts(OdooClient client, List<String> models) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String m : models) {
                out.put(m, (Long) client.execute(m, "search_count", List.of(List.of()), Map.of("context", Map.of("active_test", false))));
            }
            return out;
        }

        /** Removes what is newer than the start, plan models first, then the side models; returns what it found. */
        List<String> restore(OdooClient client) {
            List<String> left = new ArrayList<>();
            for (String m : maxIds.keySet()) {
                List<Long> ids = ids(client.execute(m, "search", List.of(List.of(List.of("id", ">", maxIds.get(m)))),
                        Map.of("order", "id desc", "context", Map.of("active_test", false))));
                if (!ids.isEmpty()) {
                    List<String> names = client.read(m, ids.subList(0, Math.min(3, ids.size())), List.of("display_name"))
                            .stream().map(r -> "'" + r.get("display_name") + "'").toList();
                    left.add(m + " " + ids.size() + " (" + String.join(", ", names) + (ids.size() > 3 ? ", …" : "") + ")");
                    client.execute(m, "unlink", List.of(ids), Map.of("context", PlanExecutor.MAIL_CONTEXT));
                }
            }
            Map<String, Long> now = counts(client, List.copyOf(maxIds.keySet()));
            if (!now.equals(counts)) {
                throw new IllegalStateException("record counts did not come back after the clean-up: " + now
                        + " instead of " + counts + "; the next run would not start from the same state");
            }
            return left;
        }
    }

    // ---- the summary ----

    private static void summary(String target, String protocol, List<Pair> pairs) {
        List<Double> ratios = pairs.stream().map(Pair::ratio).sorted().toList();
        System.out.printf("%n  summary, %s (%s): Ferry / loop = %.2f (median of %d alternating pairs; %s)%n", target, protocol,
                median(ratios), pairs.size(), String.join(" · ", pairs.stream().map(p -> String.format("%.2f", p.ratio())).toList()));
        System.out.printf("  Ferry %s rec/s, loop %s rec/s (medians); partners with Ferry %s rec/s%n",
                fmt(median(pairs.stream().map(p -> p.ferry().perSecond()).toList())),
                fmt(median(pairs.stream().map(p -> p.loop().perSecond()).toList())),
                fmt(median(pairs.stream().map(p -> partners(p.ferry())).toList())));

        System.out.println("\n  | version | protocol | run | Ferry rec/s | loop rec/s | Ferry / loop | partners rec/s Ferry / loop"
                + " | calls Ferry / loop | load avg |");
        System.out.println("  | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Pair p : pairs) {
            Timing first = p.ferryFirst() ? p.ferry() : p.loop();
            Timing second = p.ferryFirst() ? p.loop() : p.ferry();
            System.out.printf("  | %s | %s | %d (%s first) | %s | %s | %.2f | %s / %s | %d / %d | %.1f → %.1f |%n", target, protocol,
                    p.number(), p.ferryFirst() ? "Ferry" : "loop", fmt(p.ferry().perSecond()), fmt(p.loop().perSecond()), p.ratio(),
                    fmt(partners(p.ferry())), fmt(partners(p.loop())), p.ferry().callCount(), p.loop().callCount(),
                    first.loadBefore(), second.loadAfter());
        }

        System.out.println("\n  records/s per step, each run (Ferry | loop):");
        for (StepTime st : pairs.get(0).ferry().steps()) {
            List<String> f = pairs.stream().map(p -> stepRate(p.ferry(), st.step())).toList();
            List<String> l = pairs.stream().map(p -> stepRate(p.loop(), st.step())).toList();
            System.out.printf("    %-34s %,6d  %s | %s%n", st.step(), st.records(), String.join(" ", f), String.join(" ", l));
        }

        // Per kind of call, the mean over the runs: where Ferry's extra time goes.
        System.out.println("\n  calls and time per run by kind, mean of the runs (Ferry | loop | Ferry − loop):");
        Map<String, double[]> kinds = new LinkedHashMap<>();
        for (Pair p : pairs) {
            CountingClient.byKind(p.ferry().calls()).forEach((k, t) -> add(kinds, k, 0, t));
            CountingClient.byKind(p.loop().calls()).forEach((k, t) -> add(kinds, k, 2, t));
        }
        int n = pairs.size();
        double[] sum = new double[4];
        kinds.forEach((k, v) -> {
            System.out.printf("    %-14s %6.1f calls %7.2f s | %6.1f calls %7.2f s | %+7.2f s%n", k, v[0] / n, v[1] / n / 1e9,
                    v[2] / n, v[3] / n / 1e9, (v[1] - v[3]) / n / 1e9);
            for (int i = 0; i < 4; i++) {
                sum[i] += v[i];
            }
        });
        double fLocal = pairs.stream().mapToLong(p -> p.ferry().localNanos()).sum() / (double) n;
        double lLocal = pairs.stream().mapToLong(p -> p.loop().localNanos()).sum() / (double) n;
        System.out.printf("    %-14s %6s       %7.2f s | %6s       %7.2f s | %+7.2f s%n", "local", "", fLocal / 1e9, "", lLocal / 1e9,
                (fLocal - lLocal) / 1e9);
        double fAll = pairs.stream().mapToLong(p -> p.ferry().nanos()).sum() / (double) n;
        double lAll = pairs.stream().mapToLong(p -> p.loop().nanos()).sum() / (double) n;
        System.out.printf("    %-14s %6.1f calls %7.2f s | %6.1f calls %7.2f s | %+7.2f s (Ferry before its first step: %.2f s)%n",
                "total", sum[0] / n, fAll / 1e9, sum[2] / n, lAll / 1e9, (fAll - lAll) / 1e9,
                pairs.stream().mapToLong(p -> p.ferry().beforeSteps()).sum() / (double) n / 1e9);
        System.out.println("\n  Ferry's calls in detail, mean per run (model.method: calls, s):");
        Map<String, double[]> detail = new java.util.TreeMap<>();
        pairs.forEach(p -> p.ferry().calls().forEach((k, t) -> add(detail, k, 0, t)));
        detail.forEach((k, v) -> System.out.printf("    %-44s %6.1f %7.2f s%n", k, v[0] / n, v[1] / n / 1e9));
    }

    private static void add(Map<String, double[]> sums, String key, int at, Tally t) {
        double[] v = sums.computeIfAbsent(key, x -> new double[4]);
        v[at] += t.count();
        v[at + 1] += t.nanos();
    }

    private static String stepRate(Timing t, String step) {
        return t.steps().stream().filter(s -> s.step().equals(step)).findFirst()
                .map(s -> String.format("%,6.0f", s.perSecond())).orElse("     -");
    }

    private static double partners(Timing t) {
        StepTime s = t.step("res.partner");
        return s == null ? Double.NaN : s.perSecond();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%,.0f", v);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
