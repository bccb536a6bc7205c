package dev.ferry.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.bench.AspecExportGenerator;
import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.RecordRef;
import dev.ferry.odoo.StepStatus;
import dev.ferry.odoo.StepTable;
import dev.ferry.plan.CompileOptions;
import dev.ferry.plan.CompileResult;
import dev.ferry.plan.PlanCompiler;
import dev.ferry.plan.PlanReader;
import dev.ferry.plan.PlanStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults on a real Odoo, opt-in like {@link RealOdooIT}: runs only when {@code ODOO_URL}, {@code ODOO_DB},
 * {@code ODOO_USER} and {@code ODOO_API_KEY} or {@code ODOO_PASSWORD} are set (docs/real-odoo.md), and WRITES to
 * that database (every run is rolled back). A generated ASPEC export of about 5,000 records is compiled with the
 * server's users and loaded in batches of 100 by {@code ferry load} in a JVM of its own, as a user runs it, with
 * the secret named by variable. The load is then broken the two ways a real one breaks: the writer killed
 * (SIGKILL) at ten random moments and resumed each time; the server stopped, and later killed, mid-batch and
 * restarted with its database each time. Either way,
 * once {@code --resume} ends the run DONE, every external id of the plan must name exactly one live record,
 * every model must hold exactly the records the plan adds, {@code ferry verify} must find nothing missing or
 * drifted and {@code ferry rollback} must bring every count back.
 *
 * <p>It takes minutes, so it runs only against the versions listed in {@code FERRY_FAULTS_VERSIONS} (default
 * {@code 17.0}) and is skipped, saying so, against others. Kill moments come from a seeded {@link Random}; the seed is printed, and {@code -Dferry.faults.seed=N} (or
 * {@code FERRY_FAULTS_SEED}) replays a failure. The restart needs the server's process on this machine, found
 * through {@code ../shared/odoo/server/odoo-server} and its state folder ({@code FERRY_ODOO_HOME}, default
 * {@code /var/tmp/ferry-odoo}); elsewhere that scenario is skipped and says why.
 */
@EnabledIfEnvironmentVariable(named = "ODOO_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ODOO_DB", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ODOO_USER", matches = ".+")
class RealFaultsIT {
    private static final int SOURCE_RECORDS = 5_000;
    private static final int BATCH = 100;
    private static final int KILLS = 10;
    /** Past the kills, a run may need a few more resumes (each says why); more means resume does not converge. */
    private static final int EXTRA_RESUMES = 3;
    private static final Path JAR = RoundTrip.ROOT.resolve("target/ferry.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERIFY = Pattern.compile("verify: (\\d+) complete, (\\d+) missing, (\\d+) drifted of (\\d+) records");

    @TempDir
    static Path work;

    private static String url;
    private static String db;
    private static String user;
    private static String secretVariable;
    private static String protocol;
    private static long seed;
    private static OdooClient client;
    private static RoundTrip trip;
    private static Path plan;
    /** The plan's external ids by model, in step order. */
    private static Map<String, List<String>> planXids;
    private static int planBatches;

    private static boolean set(String variable) {
        String v = System.getenv(variable);
        return v != null && !v.isEmpty();
    }

    @BeforeAll
    static void connectAndCompile() throws IOException {
        assumeTrue(set("ODOO_API_KEY") || set("ODOO_PASSWORD"), "ODOO_API_KEY or ODOO_PASSWORD is not set");
        assertThat(JAR).as("the shaded jar the faults run as a user runs it; build it with `mvn -o -q package -DskipTests`"
                + " (failsafe runs *IT after package)").isRegularFile();
        url = System.getenv("ODOO_URL");
        db = System.getenv("ODOO_DB");
        user = System.getenv("ODOO_USER");
        secretVariable = set("ODOO_API_KEY") ? "ODOO_API_KEY" : "ODOO_PASSWORD";
        protocol = set("ODOO_PROTOCOL") ? System.getenv("ODOO_PROTOCOL").toLowerCase(Locale.ROOT) : "auto";
        Protocol p = switch (protocol) {
            case "auto" -> Protocol.AUTO;
            case "xml-rpc" -> Protocol.XML_RPC;
            case "json-2" -> Protocol.JSON_2;
            default -> throw new IllegalArgumentException("ODOO_PROTOCOL is '" + protocol + "'; expected auto, xml-rpc or json-2");
        };
        client = OdooClient.connect(OdooServer.of(url, db), Credentials.fromEnv(user, secretVariable),
                ClientOptions.defaults().withProtocol(p));
        trip = new RoundTrip(client, URI.create(url), db, false, work);
        // Minutes of kills and resumes: on the version the issue names, unless told otherwise.
        String versions = System.getenv().getOrDefault("FERRY_FAULTS_VERSIONS", "17.0");
        assumeTrue(List.of(versions.split("[ ,]+")).contains(trip.serie()), "the faults run on Odoo " + versions
                + " (FERRY_FAULTS_VERSIONS); this server is " + trip.serie());
        String seedText = System.getProperty("ferry.faults.seed", System.getenv("FERRY_FAULTS_SEED"));
        seed = seedText != null && !seedText.isBlank() ? Long.parseLong(seedText.strip()) : System.nanoTime();
        System.out.printf("faults on real Odoo %s at %s, database %s, over %s; seed %d (replay: -Dferry.faults.seed=%d)%n",
                trip.serie(), PlanLoad.host(URI.create(url)), db, client.protocol(), seed, seed);
        plan = compile(trip.serie());
        planXids = new LinkedHashMap<>();
        planBatches = 0;
        for (PlanStep s : PlanReader.read(plan).steps()) {
            List<StepTable.Record> records = StepTable.read(plan.resolve(s.file())).records();
            planBatches += (records.size() + BATCH - 1) / BATCH;
            if (!(s instanceof PlanStep.CallStep)) {
                records.forEach(r -> planXids.computeIfAbsent(s.model(), k -> new ArrayList<>()).add(r.xid()));
            }
        }
        System.out.printf("plan: %d records in %d batches of %d: %s%n", planXids.values().stream().mapToInt(List::size).sum(),
                planBatches, BATCH, planXids.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size())
                        .collect(Collectors.joining(", ")));
        assertThat(planBatches).as("batches to spread %d kills over", KILLS).isGreaterThan(3 * KILLS);
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    /** A generated ASPEC export compiled as RoundTrip compiles the fixture: the server's users, modules and serie. */
    private static Path compile(String serie) throws IOException {
        Path export = work.resolve("export");
        AspecExportGenerator.generate(export, SOURCE_RECORDS);
        Map<String, String> options = new LinkedHashMap<>(Map.of("timezone", "America/Toronto"));
        options.put("fallback-owner", TargetUsers.login(client));
        Path out = work.resolve("plan-faults");
        CompileResult r = new PlanCompiler(new CompileOptions(RoundTrip.ROOT, "aspec", "aspec-to-odoo-crm", serie, export,
                TargetUsers.writeServerUsers(client, work.resolve("server-users.csv")), options, BATCH, out,
                trip.installedModules())).compile();
        assertThat(r.written()).as("the generated export compiles for Odoo %s: %s", serie, r.findings().stream()
                .filter(f -> f.isError()).limit(10).toList()).isTrue();
        return out;
    }

    @Test
    void killedAtTenRandomMomentsAndResumedEachTimeEveryRecordIsThereOnce() throws Exception {
        long started = System.nanoTime();
        Random random = new Random(seed);
        // One kill per tenth of the batches, so the kills spread over every step; the last two batches are left
        // alone so the run cannot finish before its last kill.
        List<Integer> points = new ArrayList<>();
        List<Integer> delays = new ArrayList<>();
        int span = planBatches - 2;
        for (int i = 0; i < KILLS; i++) {
            int from = 1 + i * span / KILLS;
            int to = Math.max(from, (i + 1) * span / KILLS);
            points.add(from + random.nextInt(to - from + 1));
            delays.add(random.nextInt(1500));
        }
        Scenario s = new Scenario("kill", work.resolve("runs-kill"));
        s.run(() -> {
            Attempt a = s.ferry("load", plan.toString(), "--batch-size", Integer.toString(BATCH));
            for (int i = 0; i < KILLS; i++) {
                s.awaitBatches(a, points.get(i));
                s.pause(delays.get(i), points.get(i) + 2);
                assertThat(a.process.isAlive()).as("attempt %d still running at kill %d; %s", s.attempts, i + 1, a.output()).isTrue();
                a.process.destroyForcibly();
                assertThat(a.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                System.out.printf("%s kill %2d at batch %2d/%d + %4d ms: %s%n", s.clock(), i + 1, points.get(i), planBatches,
                        delays.get(i), s.inFlight());
                a = s.ferry("load", "--resume", s.runId());
            }
            s.resumeUntilDone(a);
        }, () -> { });
        System.out.printf("kill scenario: %d kills, %d resumes, wall %.0f s%n", KILLS, s.loads - 1,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * Two outages in one run: in the first half the server is stopped as an operator stops it (the script's stop,
     * SIGTERM: Odoo closes its cursors under the running request and answers it with a fault), in the second half
     * it dies (SIGKILL: the connection drops, the answer is lost). Each time the load must stop with exit 4 or 5
     * and say how to go on; the server comes back with its database and the run is resumed.
     */
    @Test
    void serverStoppedThenKilledMidBatchAndRestartedEachTimeEveryRecordIsThereOnce() throws Exception {
        ServerControl server = ServerControl.locate(trip.serie(), URI.create(url), db);
        long started = System.nanoTime();
        Random random = new Random(seed + 1);
        int half = planBatches / 2;
        int[] points = {half / 4 + random.nextInt(half * 3 / 4), half + 2 + random.nextInt(half - 5)};
        int[] delays = {random.nextInt(500), random.nextInt(500)};
        Scenario s = new Scenario("restart", work.resolve("runs-restart"));
        s.run(() -> {
            Attempt a = s.ferry("load", plan.toString(), "--batch-size", Integer.toString(BATCH));
            for (int i = 0; i < 2; i++) {
                s.awaitBatches(a, points[i]);
                s.pause(delays[i], points[i] + 2);
                String inFlight = s.inFlight();
                if (i == 0) {
                    server.stop();
                } else {
                    server.kill();
                }
                assertThat(a.process.waitFor(10, TimeUnit.MINUTES)).as("the load ends once the server is gone").isTrue();
                String out = a.output();
                System.out.printf("%s server %s at batch %d/%d + %d ms (%s); the load exited %d:%n%s", s.clock(),
                        i == 0 ? "stopped" : "killed", points[i], planBatches, delays[i], inFlight,
                        a.process.exitValue(), out.indent(4));
                RunJournal.read(s.runDir).failed().values().stream().distinct().limit(3)
                        .forEach(why -> System.out.println("    failed rows say: " + why));
                assertThat(a.process.exitValue()).as(out).isIn(4, 5);
                String end = s.lastRunEnd();
                assertThat(end).as("a load that stops by itself closes its run in the journal; %s", out).isNotNull();
                assertThat(a.process.exitValue()).as("the exit code of the run's end status %s; %s", end, out)
                        .isEqualTo(end.equals("DONE") ? 0 : end.equals("UNKNOWN") ? 5 : 4);
                assertThat(out).as("a message, no stack trace").doesNotContain("\tat ").doesNotContain("internal error")
                        .containsAnyOf("stopped: ", "ferry: cannot reach Odoo");
                assertThat(out).as("the way on").contains("--resume");
                server.start();
                a = s.ferry("load", "--resume", s.runId());
            }
            s.resumeUntilDone(a);
        }, server::startIfStopped);
        System.out.printf("restart scenario: 2 outages, %d resumes, wall %.0f s%n", s.loads - 1, (System.nanoTime() - started) / 1e9);
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    /** One {@code ferry} process and where its output goes. */
    private record Attempt(Process process, Path out, Path err) {
        String output() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One broken load, from the counts before it to the rollback after it: the run folder it made, the attempts
     * it took, and the checks every scenario ends with.
     */
    private static final class Scenario {
        private final String name;
        private final Path runs;
        private Path runDir;
        private int attempts;
        /** {@code ferry load} processes started, the first load and every resume. */
        private int loads;
        private Attempt live;
        private final long started = System.nanoTime();

        Scenario(String name, Path runs) {
            this.name = name;
            this.runs = runs;
        }

        /** Seconds since the scenario began, for reading where its time goes. */
        String clock() {
            return String.format("[%5.1f s]", (System.nanoTime() - started) / 1e9);
        }

        /**
         * Counts, runs the body (which breaks the load and resumes it to DONE), checks, verifies and rolls back;
         * a failure still rolls back what the run wrote, after {@code recover} (e.g. the server started again), so
         * the database is left as it was.
         */
        void run(Body body, Body recover) throws Exception {
            Map<String, Long> before = counts();
            Set<String> existedBefore = lookup(allXids()).keySet();
            boolean rolledBack = false;
            Throwable failure = null;
            try {
                body.run();
                assertEveryRecordOnce(before, existedBefore);
                Attempt v = ferry("verify", runId());
                assertThat(v.process.waitFor(10, TimeUnit.MINUTES)).isTrue();
                Matcher m = VERIFY.matcher(v.output());
                assertThat(m.find()).as(v.output()).isTrue();
                System.out.printf("%s %s: %s%n", clock(), name, m.group());
                assertThat(v.process.exitValue()).as(v.output()).isZero();
                assertThat(Long.parseLong(m.group(1))).as("records verified complete").isEqualTo(allXids().size());
                assertThat(m.group(2) + " missing, " + m.group(3) + " drifted").isEqualTo("0 missing, 0 drifted");

                Attempt r = ferry("rollback", runId());
                assertThat(r.process.waitFor(10, TimeUnit.MINUTES)).isTrue();
                rolledBack = r.process.exitValue() == 0;
                assertThat(r.process.exitValue()).as(r.output()).isZero();
                assertThat(r.output()).contains("rolled back run " + runId());
                assertThat(counts()).as("records per model after the rollback").isEqualTo(before);
                assertThat(lookup(allXids()).keySet()).as("external ids left after the rollback").isEqualTo(existedBefore);
                System.out.printf("%s %s: rolled back; every count as before%n", clock(), name);
                assertNoSecretIn(Files.readString(runDir.resolve("journal.jsonl"), StandardCharsets.UTF_8));
            } catch (Exception | Error e) {
                failure = e;
            } finally {
                if (live != null && live.process.isAlive()) {
                    live.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
            try {
                recover.run();
            } catch (Exception | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (!rolledBack && runDir != null && Files.exists(runDir.resolve("journal.jsonl"))) {
                try {
                    trip.rollBack(runDir);
                } catch (RuntimeException | Error e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure instanceof Exception e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }

        /** Starts {@code ferry ARGS} with the connection options; the secret goes by environment variable only. */
        Attempt ferry(String... args) throws IOException {
            // C1 only and the serial collector: a dozen short JVMs start about twice as fast on a small CI box,
            // and the load itself waits on Odoo, not on the JIT.
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djdk.serialFilter=!*", "-jar", JAR.toString()));
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("--home", RoundTrip.ROOT.toString(), "--url", url, "--db", db, "--user", user,
                    secretVariable.equals("ODOO_API_KEY") ? "--api-key-env" : "--password-env", secretVariable,
                    "--protocol", protocol, "--run-dir", runs.toString()));
            Path logs = Files.createDirectories(work.resolve("logs"));
            attempts++;
            if (args[0].equals("load")) {
                loads++;
            }
            String stem = name + "-" + attempts + "-" + args[0];
            Path out = logs.resolve(stem + ".out");
            Path err = logs.resolve(stem + ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put(secretVariable, System.getenv(secretVariable));
            live = new Attempt(pb.start(), out, err);
            return live;
        }

        /** Waits until the run's journal has sent {@code n} distinct batches (a re-sent batch counts once). */
        void awaitBatches(Attempt a, int n) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (journal() != null && sent().size() >= n) {
                    return;
                }
                if (!a.process.isAlive()) {
                    fail("ferry ended (exit %d) before batch %d of the run was sent; seed %d:%n%s", a.process.exitValue(), n,
                            seed, a.output());
                }
                Thread.sleep(20);
            }
            fail("batch %d of the run was not sent within 10 minutes; seed %d", n, seed);
        }

        /**
         * Waits {@code millis}, or less once batch {@code latest} is sent: a fast server must not finish the run
         * before the fault lands, and the points leave at least two batches after them.
         */
        void pause(int millis, int latest) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < deadline && sent().size() < latest) {
                Thread.sleep(10);
            }
        }

        /** Runs the attempt to its end, resuming while it stops resumably; the run must end DONE. */
        void resumeUntilDone(Attempt a) throws Exception {
            for (int extra = 0; ; extra++) {
                assertThat(a.process.waitFor(20, TimeUnit.MINUTES)).as("the resumed load ends").isTrue();
                int exit = a.process.exitValue();
                String out = a.output();
                assertNoSecretIn(out);
                if (exit == 0) {
                    assertThat(out).contains("run " + runId() + ": DONE");
                    System.out.printf("%s %s: resumed to DONE%n", clock(), name);
                    break;
                }
                System.out.printf("resume ended %d (not DONE); resuming again:%n%s%n", exit, out.indent(4));
                assertThat(exit).as("a resumable stop (exit 4 or 5), not a bug; seed %d: %s", seed, out).isIn(4, 5);
                assertThat(out).doesNotContain("\tat ");
                assertThat(extra).as("resumes past the faults; seed %d", seed).isLessThan(EXTRA_RESUMES);
                a = ferry("load", "--resume", runId());
            }
            assertThat(RunJournal.read(runDir).status()).isEqualTo(StepStatus.DONE);
        }

        String runId() {
            return runDir.getFileName().toString();
        }

        /** The run's journal, once the first attempt has made its folder. */
        Path journal() throws IOException {
            if (runDir == null) {
                if (!Files.isDirectory(runs)) {
                    return null;
                }
                try (var dirs = Files.list(runs)) {
                    runDir = dirs.filter(Files::isDirectory).findFirst().orElse(null);
                }
                if (runDir == null) {
                    return null;
                }
            }
            Path j = runDir.resolve("journal.jsonl");
            return Files.exists(j) ? j : null;
        }

        /** The journal's lines as parsed so far; a line cut short by a kill is left out. */
        List<Map<String, Object>> lines() throws IOException {
            List<Map<String, Object>> out = new ArrayList<>();
            Path j = journal();
            if (j == null) {
                return out;
            }
            for (String line : Files.readAllLines(j, StandardCharsets.UTF_8)) {
                try {
                    out.add(JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { }));
                } catch (IOException e) {
                    // a line being written, or cut by the kill: the next poll or the resume reads it as it ends
                }
            }
            return out;
        }

        /** Batches (step#number) some attempt has sent, in order. */
        Set<String> sent() throws IOException {
            Set<String> out = new LinkedHashSet<>();
            for (Map<String, Object> m : lines()) {
                if ("RUNNING".equals(m.get("status"))) {
                    out.add(m.get("step") + "#" + m.get("batch"));
                }
            }
            return out;
        }

        /** The status of the run-end line the latest attempt wrote, or null when it wrote none. */
        String lastRunEnd() throws IOException {
            String end = null;
            for (Map<String, Object> m : lines()) {
                if ("run-start".equals(m.get("type")) || "resume".equals(m.get("type"))) {
                    end = null;
                } else if ("run-end".equals(m.get("type"))) {
                    end = String.valueOf(m.get("status"));
                }
            }
            return end;
        }

        /** What the journal's last line says was under way: a batch sent and unanswered, or none. */
        String inFlight() throws IOException {
            List<Map<String, Object>> lines = lines();
            Map<String, Object> last = lines.isEmpty() ? Map.of() : lines.get(lines.size() - 1);
            if ("RUNNING".equals(last.get("status"))) {
                return last.get("step") + " batch " + last.get("batch") + "/" + last.get("of") + " sent, no answer yet";
            }
            return "between batches (last line: " + last.get("type") + " " + last.getOrDefault("step", "") + " "
                    + last.getOrDefault("batch", "") + " " + last.getOrDefault("status", "") + ")";
        }

        /**
         * The checks of the issue, on Odoo itself: every external id of the plan in ir.model.data exactly once,
         * for the right model, naming a live record; each model holds what it held before plus what the plan
         * adds (so no record was made twice under another name); and the journal calls created exactly what did
         * not exist before, which is what rollback will unlink.
         */
        void assertEveryRecordOnce(Map<String, Long> before, Set<String> existedBefore) {
            Map<String, List<Map<String, Object>>> rows = imdRows(allXids());
            List<String> missing = new ArrayList<>();
            List<String> twice = new ArrayList<>();
            List<String> dangling = new ArrayList<>();
            Map<String, Long> expected = new TreeMap<>(before);
            for (Map.Entry<String, List<String>> e : planXids.entrySet()) {
                String model = e.getKey();
                Map<Long, String> ids = new LinkedHashMap<>();
                for (String x : e.getValue()) {
                    List<Map<String, Object>> found = rows.getOrDefault(x, List.of());
                    if (found.isEmpty()) {
                        missing.add(model + " " + x);
                    } else if (found.size() > 1 || !model.equals(found.get(0).get("model"))) {
                        twice.add(model + " " + x + " " + found);
                    } else {
                        ids.put((Long) found.get(0).get("res_id"), x);
                    }
                    if (!existedBefore.contains(x)) {
                        expected.merge(model, 1L, Long::sum);
                    }
                }
                Set<Long> live = new java.util.HashSet<>();
                List<Long> all = List.copyOf(ids.keySet());
                for (int i = 0; i < all.size(); i += 1000) {
                    Object found = client.execute(model, "search", List.of(List.of(List.of("id", "in",
                            all.subList(i, Math.min(all.size(), i + 1000))))), Map.of("context", Map.of("active_test", false)));
                    ((List<?>) found).forEach(id -> live.add(((Number) id).longValue()));
                }
                ids.keySet().stream().filter(id -> !live.contains(id)).forEach(id -> dangling.add(model + " " + ids.get(id) + " → " + id));
            }
            // What Odoo made alongside the plan's records, as the journal lists it for rollback, counts too; on a
            // model the plan writes it could hide a duplicate, so there it may only be ir.model.fields' copies.
            RunJournal journal = RunJournal.read(runDir);
            Map<String, List<Long>> side = journal.sideRecords();
            List<String> suspect = new ArrayList<>();
            side.forEach((model, ids) -> {
                expected.merge(model, (long) ids.size(), Long::sum);
                if (planXids.containsKey(model)) {
                    List<String> odd = model.equals("ir.model.fields") ? notInheritedCopies(ids)
                            : ids.stream().map(id -> model + " " + id).toList();
                    suspect.addAll(odd);
                }
            });
            Map<String, Long> after = counts();
            Map<String, Long> extra = new TreeMap<>();
            after.forEach((model, n) -> {
                long d = n - expected.getOrDefault(model, 0L);
                if (d != 0) {
                    extra.put(model, d);
                }
            });
            System.out.printf("%s %s: %d external ids checked; missing %d, more than once %d, naming no record %d;"
                            + " side records %s; records per model beyond before + plan + side: %s%n", clock(), name,
                    allXids().size(), missing.size(), twice.size(), dangling.size(), side.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue().size()).collect(Collectors.joining(", ", "{", "}")),
                    extra.isEmpty() ? "none" : extra);
            assertThat(missing).as("plan records missing in Odoo; seed %d", seed).isEmpty();
            assertThat(twice).as("external ids found more than once or on another model; seed %d", seed).isEmpty();
            assertThat(dangling).as("external ids naming a deleted record; seed %d", seed).isEmpty();
            assertThat(suspect).as("records without external id on models the plan writes, taken for Odoo's own; seed %d",
                    seed).isEmpty();
            assertThat(after).as("records per model = before + the plan's new records + the side records the journal"
                    + " lists (a difference is a duplicate or a loss); seed %d", seed).isEqualTo(expected);

            Set<String> created = new LinkedHashSet<>();
            journal.batches().forEach(b -> b.ids().keySet().stream().filter(x -> !b.existing().containsKey(x)).forEach(created::add));
            Set<String> shouldBe = new LinkedHashSet<>(allXids());
            shouldBe.removeAll(existedBefore);
            assertThat(created).as("what the journal says the run created (what rollback unlinks)")
                    .containsExactlyInAnyOrderElementsOf(shouldBe);
        }
    }

    /**
     * Of these ir.model.fields ids, those that are not a plan field's copy on another model. Odoo makes such a
     * copy by itself when a plan's field lands on a model others inherit by delegation (each x_ field of
     * res.partner appears on res.users); unlinking the plan's field takes it along.
     */
    private static List<String> notInheritedCopies(List<Long> ids) {
        Set<String> planned = new LinkedHashSet<>();
        for (PlanStep s : PlanReader.read(plan).steps()) {
            if (s.model().equals("ir.model.fields") && !(s instanceof PlanStep.CallStep)) {
                StepTable t = StepTable.read(plan.resolve(s.file()));
                int model = t.header().indexOf("model");
                int name = t.header().indexOf("name");
                t.records().forEach(r -> planned.add(r.main().get(name) + " on " + r.main().get(model)));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        planned.forEach(p -> names.add(p.substring(0, p.indexOf(' '))));
        List<String> out = new ArrayList<>();
        for (Map<String, Object> f : client.read("ir.model.fields", ids, List.of("model", "name"))) {
            String what = f.get("name") + " on " + f.get("model");
            if (!names.contains(String.valueOf(f.get("name"))) || planned.contains(what)) {
                out.add("ir.model.fields " + f.get("id") + " " + what);
            }
        }
        return out;
    }

    /**
     * Records per model of RoundTrip's models (the plan's and those where Odoo makes records of its own), archived
     * ones included, counted with an id leaf: without one ir.attachment hides the attachments of binary fields
     * (menu icons, company and product images), and rollback must leave those as they were too.
     */
    private static Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (String model : trip.counts(plan).keySet()) {
            Object n = client.execute(model, "search_count", List.of(List.of(List.of("id", ">", 0))),
                    Map.of("context", Map.of("active_test", false)));
            out.put(model, ((Number) n).longValue());
        }
        return out;
    }

    private static List<String> allXids() {
        return planXids.values().stream().flatMap(List::stream).toList();
    }

    private static Map<String, RecordRef> lookup(List<String> xids) {
        Map<String, RecordRef> out = new LinkedHashMap<>();
        for (int i = 0; i < xids.size(); i += 1000) {
            out.putAll(client.lookupExternalIds(xids.subList(i, Math.min(xids.size(), i + 1000))));
        }
        return out;
    }

    /** The ir.model.data rows of these external ids, every one of them, by {@code module.name}. */
    private static Map<String, List<Map<String, Object>>> imdRows(List<String> xids) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (int i = 0; i < xids.size(); i += 1000) {
            Set<String> chunk = new LinkedHashSet<>(xids.subList(i, Math.min(xids.size(), i + 1000)));
            Set<String> modules = new LinkedHashSet<>();
            Set<String> names = new LinkedHashSet<>();
            chunk.forEach(x -> {
                modules.add(x.substring(0, x.indexOf('.')));
                names.add(x.substring(x.indexOf('.') + 1));
            });
            for (Map<String, Object> row : client.searchRead("ir.model.data", List.of(List.of("module", "in", List.copyOf(modules)),
                    List.of("name", "in", List.copyOf(names))), List.of("module", "name", "model", "res_id"))) {
                String x = row.get("module") + "." + row.get("name");
                if (chunk.contains(x)) {
                    out.computeIfAbsent(x, k -> new ArrayList<>()).add(row);
                }
            }
        }
        return out;
    }

    /** A short secret (a demo "admin") may equal ordinary words of the output; longer ones must never appear. */
    private static void assertNoSecretIn(String text) {
        String secret = System.getenv(secretVariable);
        if (secret.length() >= 8 && !secret.equals(user)) {
            assertThat(text.contains(secret)).as("the secret appears in the output or journal").isFalse();
        }
    }

    /**
     * The test's hold on the server under test, through the server script's state folder. Stopping goes through
     * {@code odoo-server stop} (which keeps the database), killing sends SIGKILL to the pid in server.pid; starting
     * cannot go through {@code odoo-server start}, which restores a fresh database, so the test relaunches the very
     * command line the script started (read from /proc before any stop) the way the script does (setsid, nohup,
     * output to server.out, pid to server.pid, so {@code odoo-server stop} still finds it). SIGSTOP/SIGCONT would
     * not do: a frozen server keeps its connections open, so the load would only notice after its 180 s read
     * timeout, and a frozen process is not a stopped server.
     */
    private static final class ServerControl {
        private final Path script;
        private final Path home;
        private final String serie;
        private final Path dir;
        private final URI url;
        private final List<String> command;
        private final String pythonPath;
        private boolean stopped;

        private ServerControl(Path script, Path home, String serie, URI url, List<String> command, String pythonPath) {
            this.script = script;
            this.home = home;
            this.serie = serie;
            this.dir = home.resolve(serie);
            this.url = url;
            this.command = command;
            this.pythonPath = pythonPath;
        }

        /** The server behind {@code url}, if this machine runs it from the script; else the scenario is skipped. */
        static ServerControl locate(String serie, URI url, String db) throws IOException {
            Path script = RoundTrip.ROOT.resolve("../shared/odoo/server/odoo-server").normalize();
            assumeTrue(Files.isExecutable(script), "no server script at " + script + "; the restart scenario needs the"
                    + " server's process on this machine");
            String h = System.getenv("FERRY_ODOO_HOME");
            Path home = Path.of(h == null || h.isBlank() ? "/var/tmp/ferry-odoo" : h);
            Path dir = home.resolve(serie);
            Path env = dir.resolve("env");
            assumeTrue(Files.isRegularFile(env), "no " + env + ": the server at " + url + " was not started by " + script
                    + " with this FERRY_ODOO_HOME");
            // Never stop someone else's server: the script's env file must describe the server under test.
            Map<String, String> vars = new LinkedHashMap<>();
            for (String line : Files.readAllLines(env, StandardCharsets.UTF_8)) {
                Matcher m = Pattern.compile("export (ODOO_URL|ODOO_DB)=(.*)").matcher(line.strip());
                if (m.matches()) {
                    vars.put(m.group(1), m.group(2));
                }
            }
            URI theirs = URI.create(vars.getOrDefault("ODOO_URL", "http://none:0"));
            assumeTrue(theirs.getPort() == url.getPort() && db.equals(vars.get("ODOO_DB")), env + " describes "
                    + vars + ", not the server under test (" + url + ", " + db + "); set FERRY_ODOO_HOME to its state folder");
            Path pidFile = dir.resolve("server.pid");
            assumeTrue(Files.isRegularFile(pidFile), "no " + pidFile + ": the server is not running from " + dir);
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            assumeTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " of " + pidFile
                    + " is not running");
            Path cmdline = Path.of("/proc/" + pid + "/cmdline");
            assumeTrue(Files.isReadable(cmdline), "cannot read " + cmdline + " to restart the server the same way");
            List<String> command = List.of(Files.readString(cmdline, StandardCharsets.UTF_8).split("\0"));
            // Of the server's environment only what the script adds (its compat path on newer Pythons) is taken.
            String pythonPath = null;
            for (String v : Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8).split("\0")) {
                if (v.startsWith("PYTHONPATH=")) {
                    pythonPath = v.substring("PYTHONPATH=".length());
                }
            }
            System.out.printf("server %s: pid %d, %s%n", serie, pid, String.join(" ", command));
            return new ServerControl(script, home, serie, url, command, pythonPath);
        }

        void stop() throws Exception {
            ProcessBuilder pb = new ProcessBuilder(script.toString(), "stop", serie).redirectErrorStream(true);
            pb.environment().put("FERRY_ODOO_HOME", home.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            stopped = true;
            System.out.printf("server %s stopped: %s", serie, out);
        }

        /** SIGKILL, as a crash or the OOM killer would: no request gets an answer. */
        void kill() throws Exception {
            long pid = Long.parseLong(Files.readString(dir.resolve("server.pid")).strip());
            ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("server process " + pid + " is gone"));
            h.destroyForcibly();
            h.onExit().get(30, TimeUnit.SECONDS);
            stopped = true;
            System.out.printf("server %s killed (pid %d)%n", serie, pid);
        }

        void start() throws Exception {
            List<String> cmd = new ArrayList<>(List.of("bash", "-c", "setsid nohup \"$@\" >>\"$0\" 2>&1 </dev/null & echo $!",
                    dir.resolve("server.out").toString()));
            if (pythonPath != null) {
                cmd.addAll(List.of("env", "PYTHONPATH=" + pythonPath));
            }
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("ODOO_"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long pid = Long.parseLong(out.lines().reduce((a, b) -> b).orElseThrow().strip());
            Files.writeString(dir.resolve("server.pid"), pid + "\n");
            stopped = false;
            long t0 = System.nanoTime();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI login = url.resolve("/web/login");
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(120)) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("the restarted server is running; see " + dir.resolve("server.log")).isTrue();
                try {
                    if (http.send(HttpRequest.newBuilder(login).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        System.out.printf("server %s restarted (pid %d) and answering after %.1f s%n", serie, pid,
                                (System.nanoTime() - t0) / 1e9);
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            fail("the restarted server did not answer %s within 120 s; see %s", login, dir.resolve("server.log"));
        }

        void startIfStopped() throws Exception {
            if (stopped) {
                start();
            }
        }
    }
}
