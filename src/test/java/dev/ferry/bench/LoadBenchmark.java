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
 * [--runs=N, default 3] [--quick] [--real-only] [--replay]}. {@code --quick} warms up on a smaller plan and does not
 * wait after the warning (for scripts); {@code --real-only} skips the sandbox; {@code --replay} adds a third path
 * that sends exactly the {@code load} calls Ferry's first run sent (same columns, rows and context) without Ferry's
 * preflight, look-ups and journal, so Ferry / replay is the writer's own overhead: the plain loop sends empty cells
 * Ferry leaves out, which changes what Odoo does (and costs) for those records.
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

    private record Settings(int records, List<String> versions, int runs, boolean quick, boolean realOnly, boolean replay) {
        static Settings parse(String[] args) {
            int records = 10_000;
            int runs = 3;
            boolean quick = false;
            boolean realOnly = false;
            boolean replay = false;
            List<String> versions = new ArrayList<>();
            boolean first = true;
            for (String a : args) {
                if (a.startsWith("--runs=")) {
                    runs = Integer.parseInt(a.substring("--runs=".length()));
                } else if (a.equals("--quick")) {
                    quick = true;
                } else if (a.equals("--real-only")) {
                    realOnly = true;
                } else if (a.equals("--replay")) {
                    replay = true;
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a
                            + "; expected --runs=N, --quick, --real-only or --replay");
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
            return new Settings(records, versions.isEmpty() ? List.of("17.0") : List.copyOf(versions), runs, quick, realOnly,
                    replay);
        }

        int warmupRecords() {
            return quick ? 100 : 400;
        }
    }

    /**
     * Records of one step that landed, the wall time the step took, and the server's CPU time over it (-1 when not
     * measured).
     */
    private record StepTime(String step, String model, int records, long nanos, long serverNanos) {
        double perSecond() {
            return records / (nanos / 1e9);
        }

        /** Records per second of server CPU: what a server with a core of its own could reach, at most. */
        double perServerSecond() {
            return serverNanos <= 0 ? Double.NaN : records / (serverNanos / 1e9);
        }
    }

    /**
     * One timed load.
     *
     * @param beforeSteps wall time before the first step (Ferry's preflight and journal opening; 0 for the loop)
     * @param calls       model-method calls made inside the timed span, by {@code model.method}
     * @param cpuNanos    this JVM's CPU time over the span (the client's own work, all threads)
     * @param server      CPU time of the Odoo server and its PostgreSQL backends over the span, or null when not sampled
     * @param note        what the clean-up after the run found, or null
     */
    private record Timing(String what, int records, int failed, long nanos, long beforeSteps, Map<String, Tally> calls,
                          List<StepTime> steps, double loadBefore, double loadAfter, long cpuNanos, ServerCpu.Used server,
                          String note) {
        Timing withNote(String text) {
            return new Timing(what, records, failed, nanos, beforeSteps, calls, steps, loadBefore, loadAfter, cpuNanos,
                    server, text);
        }

        Timing withServer(ServerCpu.Used used) {
            return new Timing(what, records, failed, nanos, beforeSteps, calls, steps, loadBefore, loadAfter, cpuNanos,
                    used, note);
        }

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

    /** One round: Ferry's run and each baseline's, in the order they ran. */
    private record Round(int number, List<Timing> order) {
        Timing get(String what) {
            return order.stream().filter(t -> t.what().equals(what)).findFirst().orElseThrow();
        }

        Timing ferry() {
            return get(FERRY);
        }

        /** Ferry's records/s over the baseline's: above 1 when Ferry is faster. */
        double ratio(String baseline) {
            return ferry().perSecond() / get(baseline).perSecond();
        }
    }

    private static final String FERRY = "Ferry";
    private static final String LOOP = "loop";
    private static final String REPLAY = "replay";

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
     * Rounds of one run per path, the order rotated each round (Ferry first, then the loop first, ...), so a drift in
     * the machine's load or the server's state over the session does not always favour the same path.
     */
    private static List<Round> alternate(int runs, Map<String, Supplier<Timing>> paths) {
        List<String> names = new ArrayList<>(paths.keySet());
        List<Round> rounds = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            List<Timing> order = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                order.add(printed(i, paths.get(names.get((k + i - 1) % names.size())).get()));
            }
            rounds.add(new Round(i, List.copyOf(order)));
        }
        return rounds;
    }

    private static Timing printed(int run, Timing t) {
        StepTime partners = t.step("res.partner");
        System.out.printf("  run %d %-6s %,7d records in %6.1f s = %,5.0f rec/s; partners %s%s; %,d calls (%s);"
                        + " waiting for Odoo %.1f s, local %.1f s (CPU %.1f s)%s;%s load average %.2f → %.2f%s%n",
                run, t.what(), t.records(), t.nanos() / 1e9, t.perSecond(),
                partners == null ? "none" : String.format("%,.0f rec/s", partners.perSecond()),
                partners == null || partners.serverNanos() < 0 ? "" : String.format(" (%,.0f per server CPU second)",
                        partners.perServerSecond()), t.callCount(),
                CountingClient.describe(t.calls()), CountingClient.nanos(t.calls()) / 1e9, t.localNanos() / 1e9,
                t.cpuNanos() / 1e9, t.beforeSteps() > 0 ? String.format(", before the first step %.1f s", t.beforeSteps() / 1e9) : "",
                t.server() == null ? "" : String.format(" server CPU %.1f s (Odoo %.1f s, PostgreSQL %.1f s);",
                        t.server().total() / 1e9, t.server().odoo() / 1e9, t.server().database() / 1e9),
                t.loadBefore(), t.loadAfter(), t.failed() == 0 ? "" : ", " + t.failed() + " REFUSED");
        if (t.note() != null) {
            System.out.println("    (" + t.note() + ")");
        }
        return t;
    }

    // ---- the two paths ----

    /** Times each step of Ferry's run and notes when the first one starts (the end of the preflight). */
    private static final class StepClock implements BatchListener {
        private final List<StepTime> steps = new ArrayList<>();
        private final ServerCpu cpu;
        private ServerCpu.Sample cpuStart;
        private long firstStep;
        private long stepStart;
        private String model;
        private int landed;

        StepClock(ServerCpu cpu) {
            this.cpu = cpu;
        }

        @Override
        public void stepStarted(String stepId, String model, int records, int batches) {
            cpuStart = cpu == null ? null : cpu.sample();
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
            long nanos = System.nanoTime() - stepStart;
            steps.add(new StepTime(stepId, model, landed, nanos, cpu == null ? -1 : cpu.since(cpuStart).total()));
        }
    }

    /** The {@code load} calls of Ferry's first measured run, for the replay path; empty until that run. */
    private static final class Recording {
        private List<CountingClient.LoadCall> calls = List.of();
    }

    /** Ferry's writer as {@code ferry load} runs it; its load calls go into {@code recording} if that is still empty. */
    private static Timing ferry(CountingClient client, URI url, String db, boolean sandbox, Path planDir, ServerCpu cpu,
                                Recording recording) {
        boolean record = recording != null && recording.calls.isEmpty();
        if (record) {
            client.record();
        }
        Plan plan = PlanReader.read(planDir);
        OdooCatalog catalog = OdooCatalog.load(HOME.resolve("catalogs/odoo/" + plan.odooVersion()));
        StepClock clock = new StepClock(cpu);
        double loadBefore = loadAverage();
        Map<String, Tally> calls0 = client.snapshot();
        long clientCpu = cpuNanos();
        long start = System.nanoTime();
        PlanLoad.Outcome o = PlanLoad.load(planDir, catalog, new PlanLoad.Target(client, url, db, sandbox),
                new LoadOptions(BATCH, LoadOptions.OnError.CONTINUE, null, null), 0, RUNS, null, List.of(clock),
                Clock.systemUTC());
        long nanos = System.nanoTime() - start;
        clientCpu = cpuNanos() - clientCpu;
        Map<String, Tally> calls = CountingClient.minus(client.snapshot(), calls0);
        if (record) {
            recording.calls = client.recorded();
        }
        if (o.blocked()) {
            throw new IllegalStateException("preflight blocked: " + o.preflight().findings());
        }
        int records = o.report().steps().stream().mapToInt(s -> s.created() + s.updated()).sum();
        return new Timing(FERRY, records, o.report().failedRows(), nanos, clock.firstStep - start, calls,
                List.copyOf(clock.steps), loadBefore, loadAverage(), clientCpu, null, null);
    }

    /**
     * What a hand-written import script does with the plan: every step's CSV in order, 500 records per
     * {@code load} call, the mail context keys plus the plan's context; {@code res_id/id} (which {@code load}
     * cannot resolve) looked up once per batch.
     */
    private static Timing plain(CountingClient client, Path planDir, ServerCpu cpu) {
        Plan plan = PlanReader.read(planDir);
        Map<String, Object> context = new LinkedHashMap<>(PlanExecutor.MAIL_CONTEXT);
        context.putAll(plan.context());
        int landed = 0;
        int failed = 0;
        List<StepTime> steps = new ArrayList<>();
        double loadBefore = loadAverage();
        Map<String, Tally> calls0 = client.snapshot();
        long clientCpu = cpuNanos();
        long start = System.nanoTime();
        for (PlanStep step : plan.steps()) {
            if (step instanceof PlanStep.CallStep) {
                continue;
            }
            ServerCpu.Sample cpuStart = cpu == null ? null : cpu.sample();
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
            long stepNanos = System.nanoTime() - stepStart;
            steps.add(new StepTime(step.id(), step.model(), stepLanded, stepNanos, cpu == null ? -1 : cpu.since(cpuStart).total()));
        }
        long nanos = System.nanoTime() - start;
        clientCpu = cpuNanos() - clientCpu;
        return new Timing(LOOP, landed, failed, nanos, 0, CountingClient.minus(client.snapshot(), calls0),
                List.copyOf(steps), loadBefore, loadAverage(), clientCpu, null, null);
    }

    /**
     * Ferry's recorded {@code load} calls sent again in order, nothing else: what Ferry's run costs without its preflight,
     * existence look-ups, old-value reads, {@code fields_get}/{@code default_get} and journal. Ferry sent the database ids
     * of its own run in {@code res_id}; they are looked up again by external id once per call, as the loop does.
     */
    private static Timing replay(CountingClient client, Path planDir, Recording recording, ServerCpu cpu) {
        if (recording.calls.isEmpty()) {
            throw new IllegalStateException("no recorded Ferry run to replay; Ferry must run before the replay");
        }
        Plan plan = PlanReader.read(planDir);
        Map<String, String> resTargets = new java.util.HashMap<>();
        Map<String, String> stepOf = new LinkedHashMap<>();
        for (PlanStep step : plan.steps()) {
            if (step instanceof PlanStep.CallStep) {
                continue;
            }
            stepOf.putIfAbsent(step.model(), step.id());
            StepTable table = StepTable.read(planDir.resolve(step.file()));
            int col = table.header().indexOf("res_id/id");
            if (col >= 0) {
                table.records().forEach(r -> resTargets.put(r.xid(), r.main().get(col)));
            }
        }
        List<StepTime> steps = new ArrayList<>();
        int landed = 0;
        int failed = 0;
        double loadBefore = loadAverage();
        Map<String, Tally> calls0 = client.snapshot();
        long clientCpu = cpuNanos();
        long start = System.nanoTime();
        String model = null;
        long stepStart = 0;
        ServerCpu.Sample cpuStart = null;
        int stepLanded = 0;
        for (CountingClient.LoadCall call : recording.calls) {
            if (!call.model().equals(model)) {
                if (model != null) {
                    steps.add(new StepTime(stepOf.get(model), model, stepLanded, System.nanoTime() - stepStart,
                            cpu == null ? -1 : cpu.since(cpuStart).total()));
                }
                model = call.model();
                cpuStart = cpu == null ? null : cpu.sample();
                stepStart = System.nanoTime();
                stepLanded = 0;
            }
            List<List<String>> rows = call.rows();
            int res = call.fields().indexOf("res_id");
            if (res >= 0) {
                Set<String> targets = new LinkedHashSet<>();
                rows.forEach(r -> targets.add(resTargets.getOrDefault(r.get(0), "")));
                targets.remove("");
                Map<String, RecordRef> ids = client.lookupExternalIds(targets);
                List<List<String>> resolved = new ArrayList<>();
                for (List<String> r : rows) {
                    List<String> row = new ArrayList<>(r);
                    RecordRef ref = ids.get(resTargets.getOrDefault(r.get(0), ""));
                    row.set(res, ref == null ? "" : Long.toString(ref.id()));
                    resolved.add(row);
                }
                rows = resolved;
            }
            LoadResult result = client.load(call.model(), call.fields(), rows, call.context());
            if (result.saved()) {
                stepLanded += result.ids().size();
                landed += result.ids().size();
            } else {
                failed += rows.size();
            }
        }
        steps.add(new StepTime(stepOf.get(model), model, stepLanded, System.nanoTime() - stepStart,
                cpu == null ? -1 : cpu.since(cpuStart).total()));
        long nanos = System.nanoTime() - start;
        clientCpu = cpuNanos() - clientCpu;
        return new Timing(REPLAY, landed, failed, nanos, 0, CountingClient.minus(client.snapshot(), calls0),
                List.copyOf(steps), loadBefore, loadAverage(), clientCpu, null, null);
    }

    // ---- the sandbox ----

    private static void sandbox(Settings s, Path export) throws IOException {
        Path smallExport = export(s.warmupRecords());
        for (String v : s.versions()) {
            // Warm-up: both paths once on a small plan, so neither measured run pays for class loading and JIT.
            Path small = compile(v, smallExport, USERS, Map.of(), "warmup-" + v);
            ferryIntoSandbox(small, null);
            plainIntoSandbox(small);
        }
        for (String v : s.versions()) {
            Path plan = compile(v, export, USERS, Map.of(), s.records() + "-" + v);
            String protocol = v.startsWith("19") ? "JSON-2" : "XML-RPC";
            System.out.printf("%nsandbox, Odoo %s (%s), plan of %,d records from %,d source records, batches of %d,"
                    + " %d alternating runs each, a fresh sandbox per run:%n", v, protocol, records(plan), s.records(), BATCH, s.runs());
            Recording recording = new Recording();
            Map<String, Supplier<Timing>> paths = new LinkedHashMap<>();
            paths.put(FERRY, () -> ferryIntoSandbox(plan, recording));
            paths.put(LOOP, () -> plainIntoSandbox(plan));
            if (s.replay()) {
                paths.put(REPLAY, () -> replayIntoSandbox(plan, recording));
            }
            summary("sandbox " + v, protocol, alternate(s.runs(), paths));
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

    private static Timing ferryIntoSandbox(Path planDir, Recording recording) {
        try (OdooSandbox odoo = sandbox(planDir); CountingClient client = client(odoo)) {
            return ferry(client, odoo.url(), odoo.database(), true, planDir, null, recording);
        }
    }

    private static Timing replayIntoSandbox(Path planDir, Recording recording) {
        try (OdooSandbox odoo = sandbox(planDir); CountingClient client = client(odoo)) {
            client.authenticate();
            return replay(client, planDir, recording, null);
        }
    }

    private static Timing plainIntoSandbox(Path planDir) {
        try (OdooSandbox odoo = sandbox(planDir); CountingClient client = client(odoo)) {
            client.authenticate();
            return plain(client, planDir, null);
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
                            + "Ferry's runs are rolled back and the other runs' records are unlinked by external id after each run.%n"
                            + (wait > 0 ? "Press Ctrl-C within " + wait + " s if this database must not be written.%n" : ""),
                    s.records(), (s.replay() ? 3 : 2) * s.runs(), db, PlanLoad.host(uri), serie, client.protocol(), user);
            Thread.sleep(wait * 1000L);
            Path users = TargetUsers.writeServerUsers(client, WORK.resolve("server-users.csv"));
            Map<String, String> owner = Map.of("fallback-owner", TargetUsers.login(client));
            Path plan = compile(serie, export, users, owner, s.records() + "-real-" + serie);
            Path small = compile(serie, export(s.warmupRecords()), users, owner, "warmup-real-" + serie);
            Fresh fresh = Fresh.of(client, plan);
            ServerCpu found = ServerCpu.find(db);
            ServerCpu cpu = found != null && found.knowsOdoo() ? found : null;
            if (cpu == null) {
                System.out.println("(set ODOO_SERVER_PID to the process id of an Odoo server on this machine to have its CPU time measured)");
            }

            // Warm-up on the server too: its first loads fill Odoo's caches (and the JVM's, with --real-only).
            System.out.printf("%nwarm-up on the server, plan of %,d records:%n", records(small));
            System.out.println("    (" + cleanAfter(client, fresh, cpu, FERRY, () -> ferry(client, uri, db, false, small, cpu, null)).note() + ")");
            System.out.println("    (" + cleanAfter(client, fresh, cpu, LOOP, () -> plain(client, small, cpu)).note() + ")");
            System.out.printf("    (the side models searched as a run's start and end would search them: %d calls %.2f s at the start,"
                    + " %d calls %.2f s at the end)%n", fresh.startSearches().count(), fresh.startSearches().nanos() / 1e9,
                    fresh.endSearches().count(), fresh.endSearches().nanos() / 1e9);

            String proto = client.protocol() == Protocol.JSON_2 ? "JSON-2" : "XML-RPC";
            System.out.printf("%nreal server, Odoo %s (%s), plan of %,d records, batches of %d, %d alternating runs each:%n",
                    serie, proto, records(plan), BATCH, s.runs());
            Recording recording = new Recording();
            Map<String, Supplier<Timing>> paths = new LinkedHashMap<>();
            paths.put(FERRY, () -> cleanAfter(client, fresh, cpu, FERRY, () -> ferry(client, uri, db, false, plan, cpu, recording)));
            paths.put(LOOP, () -> cleanAfter(client, fresh, cpu, LOOP, () -> plain(client, plan, cpu)));
            if (s.replay()) {
                paths.put(REPLAY, () -> cleanAfter(client, fresh, cpu, REPLAY, () -> replay(client, plan, recording, cpu)));
            }
            summary(serie, proto, alternate(s.runs(), paths));
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
    private static Timing cleanAfter(CountingClient client, Fresh fresh, ServerCpu cpu, String what, Supplier<Timing> run) {
        Set<Path> runsBefore = runFolders();
        Timing t = null;
        try {
            ServerCpu.Sample before = cpu == null ? null : cpu.sample();
            t = run.get();
            t = cpu == null ? t : t.withServer(cpu.since(before));
        } finally {
            long start = System.nanoTime();
            if (what.equals(FERRY)) {
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
            String note = String.format("%s in %.1f s%s", what.equals(FERRY) ? "rolled back" : "unlinked by external id",
                    (System.nanoTime() - start) / 1e9, left.isEmpty() ? "; every count back"
                            : "; left behind, removed, every count back: " + String.join(", ", left));
            if (t == null) {
                System.out.println("    (the run failed; " + note + ")");
            } else {
                t = t.withNote(note);
            }
        }
        return t;
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
    private record Fresh(Path plan, Map<String, Long> counts, Map<String, Long> maxIds, Set<String> side,
                         Tally startSearches, long[] ends) {
        /** The side models' searches of one clean-up, the mean over those so far. */
        Tally endSearches() {
            return ends[2] == 0 ? new Tally("end", 0, 0) : new Tally("end", ends[0] / ends[2], ends[1] / ends[2]);
        }

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
            Set<String> side = new LinkedHashSet<>(SIDE_MODELS);
            side.retainAll(installed);
            Map<String, Long> maxIds = new LinkedHashMap<>();
            long sideNanos = 0;
            for (String m : models) {
                long start = System.nanoTime();
                List<Long> top = ids(client.execute(m, "search", List.of(List.of()),
                        Map.of("limit", 1, "order", "id desc", "context", Map.of("active_test", false))));
                sideNanos += side.contains(m) ? System.nanoTime() - start : 0;
                maxIds.put(m, top.isEmpty() ? 0L : top.get(0));
            }
            return new Fresh(planDir, counts(client, models), maxIds, side, new Tally("start", side.size(), sideNanos),
                    new long[3]);
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

        /**
         * Removes what is newer than the start, plan models first, then the side models; returns what it found. The
         * side models' searches are timed: they are the searches a run's end makes to journal what Odoo made.
         */
        List<String> restore(OdooClient client) {
            List<String> left = new ArrayList<>();
            for (String m : maxIds.keySet()) {
                long start = System.nanoTime();
                List<Long> ids = ids(client.execute(m, "search", List.of(List.of(List.of("id", ">", maxIds.get(m)))),
                        Map.of("order", "id desc", "context", Map.of("active_test", false))));
                if (side.contains(m)) {
                    ends[0]++;
                    ends[1] += System.nanoTime() - start;
                }
                if (!ids.isEmpty()) {
                    List<String> names = client.read(m, ids.subList(0, Math.min(3, ids.size())), List.of("display_name"))
                            .stream().map(r -> "'" + r.get("display_name") + "'").toList();
                    left.add(m + " " + ids.size() + " (" + String.join(", ", names) + (ids.size() > 3 ? ", …" : "") + ")");
                    client.execute(m, "unlink", List.of(ids), Map.of("context", PlanExecutor.MAIL_CONTEXT));
                }
            }
            ends[2]++;
            Map<String, Long> now = counts(client, List.copyOf(maxIds.keySet()));
            if (!now.equals(counts)) {
                throw new IllegalStateException("record counts did not come back after the clean-up: " + now
                        + " instead of " + counts + "; the next run would not start from the same state");
            }
            return left;
        }
    }

    // ---- the summary ----

    private static void summary(String target, String protocol, List<Round> rounds) {
        List<String> paths = rounds.get(0).order().stream().map(Timing::what).sorted(java.util.Comparator.comparing(
                w -> List.of(FERRY, LOOP, REPLAY).indexOf(w))).toList();
        List<String> baselines = paths.subList(1, paths.size());
        int n = rounds.size();
        System.out.printf("%n  summary, %s (%s), medians of %d rounds:%n", target, protocol, n);
        for (String b : baselines) {
            System.out.printf("  Ferry / %s = %.2f (%s)%s%n", b, median(rounds.stream().map(r -> r.ratio(b)).toList()),
                    String.join(" · ", rounds.stream().map(r -> String.format("%.2f", r.ratio(b))).toList()),
                    rounds.get(0).ferry().server() == null ? "" : String.format("; server CPU %s / Ferry = %.2f", b,
                            median(rounds.stream().map(r -> r.get(b).server().total() / (double) r.ferry().server().total()).toList())));
        }
        for (String w : paths) {
            System.out.printf("  %-6s %s rec/s, partners %s rec/s%n", w, fmt(median(rounds.stream().map(r -> r.get(w).perSecond()).toList())),
                    fmt(median(rounds.stream().map(r -> partners(r.get(w))).toList())));
        }

        String names = String.join(" / ", paths);
        boolean server = rounds.get(0).ferry().server() != null;
        StringBuilder head = new StringBuilder("\n  | version | protocol | run (order) |");
        paths.forEach(w -> head.append(' ').append(w).append(" rec/s |"));
        baselines.forEach(b -> head.append(" Ferry / ").append(b).append(" |"));
        head.append(" partners rec/s ").append(names).append(" |");
        if (server) {
            head.append(" server CPU s ").append(names).append(" |");
        }
        head.append(" calls ").append(names).append(" | load avg |");
        System.out.println(head);
        System.out.println("  |" + " --- |".repeat(head.toString().split("\\|", -1).length - 2));
        for (Round r : rounds) {
            StringBuilder row = new StringBuilder(String.format("  | %s | %s | %d (%s) |", target, protocol, r.number(),
                    String.join(", ", r.order().stream().map(Timing::what).toList())));
            paths.forEach(w -> row.append(' ').append(fmt(r.get(w).perSecond())).append(" |"));
            baselines.forEach(b -> row.append(String.format(" %.2f |", r.ratio(b))));
            row.append(' ').append(String.join(" / ", paths.stream().map(w -> fmt(partners(r.get(w)))).toList())).append(" |");
            if (server) {
                row.append(' ').append(String.join(" / ", paths.stream().map(w -> String.format("%.0f", r.get(w).server().total() / 1e9)).toList())).append(" |");
            }
            row.append(' ').append(String.join(" / ", paths.stream().map(w -> Long.toString(r.get(w).callCount())).toList())).append(" |");
            row.append(String.format(" %.1f → %.1f |", r.order().get(0).loadBefore(), r.order().get(r.order().size() - 1).loadAfter()));
            System.out.println(row);
        }

        System.out.println("\n  records/s per step, each run (" + String.join(" | ", paths) + "):");
        for (StepTime st : rounds.get(0).ferry().steps()) {
            List<String> cols = paths.stream().map(w -> String.join(" ", rounds.stream().map(r -> stepRate(r.get(w), st.step())).toList())).toList();
            System.out.printf("    %-34s %,6d  %s%n", st.step(), st.records(), String.join(" | ", cols));
        }
        if (server) {
            System.out.println("\n  records per second of server CPU (Odoo + PostgreSQL) per step, each run (" + String.join(" | ", paths) + "):");
            for (StepTime st : rounds.get(0).ferry().steps()) {
                List<String> cols = paths.stream().map(w -> String.join(" ", rounds.stream().map(r -> stepCpuRate(r.get(w), st.step())).toList())).toList();
                System.out.printf("    %-34s %,6d  %s%n", st.step(), st.records(), String.join(" | ", cols));
            }
        }

        // Per kind of call, the mean over the runs: where Ferry's extra time goes.
        System.out.println("\n  calls and time per run by kind, mean of the runs (" + String.join(" | ", paths) + " | Ferry − "
                + String.join(", Ferry − ", baselines) + "):");
        Map<String, double[]> kinds = new LinkedHashMap<>();
        for (Round r : rounds) {
            for (int i = 0; i < paths.size(); i++) {
                int at = 2 * i;
                CountingClient.byKind(r.get(paths.get(i)).calls()).forEach((k, t) -> add(kinds, k, at, t, paths.size()));
            }
        }
        double[] local = new double[paths.size()];
        double[] total = new double[paths.size()];
        double[] calls = new double[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            String w = paths.get(i);
            local[i] = rounds.stream().mapToLong(r -> r.get(w).localNanos()).sum() / (double) n;
            total[i] = rounds.stream().mapToLong(r -> r.get(w).nanos()).sum() / (double) n;
            calls[i] = rounds.stream().mapToLong(r -> r.get(w).callCount()).sum() / (double) n;
        }
        kinds.forEach((k, v) -> {
            StringBuilder line = new StringBuilder(String.format("    %-14s", k));
            for (int i = 0; i < paths.size(); i++) {
                line.append(String.format(" %6.1f calls %7.2f s |", v[2 * i] / n, v[2 * i + 1] / n / 1e9));
            }
            for (int i = 1; i < paths.size(); i++) {
                line.append(String.format(" %+7.2f s", (v[1] - v[2 * i + 1]) / n / 1e9));
            }
            System.out.println(line);
        });
        StringBuilder l = new StringBuilder(String.format("    %-14s", "local"));
        StringBuilder t = new StringBuilder(String.format("    %-14s", "total"));
        for (int i = 0; i < paths.size(); i++) {
            l.append(String.format(" %6s       %7.2f s |", "", local[i] / 1e9));
            t.append(String.format(" %6.1f calls %7.2f s |", calls[i], total[i] / 1e9));
        }
        for (int i = 1; i < paths.size(); i++) {
            l.append(String.format(" %+7.2f s", (local[0] - local[i]) / 1e9));
            t.append(String.format(" %+7.2f s", (total[0] - total[i]) / 1e9));
        }
        System.out.println(l);
        System.out.println(t + String.format(" (Ferry before its first step: %.2f s)",
                rounds.stream().mapToLong(r -> r.ferry().beforeSteps()).sum() / (double) n / 1e9));
        System.out.println("\n  Ferry's calls in detail, mean per run (model.method: calls, s):");
        Map<String, double[]> detail = new java.util.TreeMap<>();
        rounds.forEach(r -> r.ferry().calls().forEach((k, x) -> add(detail, k, 0, x, 1)));
        detail.forEach((k, v) -> System.out.printf("    %-44s %6.1f %7.2f s%n", k, v[0] / n, v[1] / n / 1e9));
    }

    private static void add(Map<String, double[]> sums, String key, int at, Tally t, int paths) {
        double[] v = sums.computeIfAbsent(key, x -> new double[2 * paths]);
        v[at] += t.count();
        v[at + 1] += t.nanos();
    }

    private static String stepRate(Timing t, String step) {
        return t.steps().stream().filter(s -> s.step().equals(step)).findFirst()
                .map(s -> String.format("%,6.0f", s.perSecond())).orElse("     -");
    }

    private static String stepCpuRate(Timing t, String step) {
        return t.steps().stream().filter(s -> s.step().equals(step)).findFirst()
                .map(s -> String.format("%,6.0f", s.perServerSecond())).orElse("     -");
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
