package dev.ferry.run;

import dev.ferry.cli.Main;
import dev.ferry.finding.FindingCode;
import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The writer against a real Odoo, opt-in: runs only when {@code ODOO_URL}, {@code ODOO_DB}, {@code ODOO_USER} and
 * {@code ODOO_API_KEY} or {@code ODOO_PASSWORD} are set (see docs/real-odoo.md); skipped otherwise. It WRITES to
 * that database and rolls every run back; use a database you can lose. Optional {@code ODOO_PROTOCOL}
 * ({@code auto}, {@code xml-rpc}, {@code json-2}) overrides the choice from the server's version, as
 * {@code --protocol} does. The secret is read from the environment by variable name, as {@code --api-key-env} /
 * {@code --password-env} do, and never printed. {@link SandboxRoundTripTest} runs the same scenario against the
 * sandbox on every build.
 */
@EnabledIfEnvironmentVariable(named = "ODOO_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ODOO_DB", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ODOO_USER", matches = ".+")
class RealOdooIT {
    @TempDir
    static Path work;

    private static String url;
    private static String db;
    private static String user;
    /** Name of the variable holding the secret: ODOO_API_KEY when set (as the CLI prefers it), else ODOO_PASSWORD. */
    private static String secretVariable;
    private static String protocol;
    private static OdooClient client;
    private static RoundTrip trip;
    private static Path plan;

    private static boolean set(String variable) {
        String v = System.getenv(variable);
        return v != null && !v.isEmpty();
    }

    @BeforeAll
    static void connectAndCompile() {
        assumeTrue(set("ODOO_API_KEY") || set("ODOO_PASSWORD"), "ODOO_API_KEY or ODOO_PASSWORD is not set");
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
        if (client.protocol() == Protocol.JSON_2 && secretVariable.equals("ODOO_PASSWORD")) {
            fail("the server speaks JSON-2 (Odoo 19+), which takes an API key, not a password:"
                    + " set ODOO_API_KEY, or ODOO_PROTOCOL=xml-rpc to test over XML-RPC");
        }
        trip = new RoundTrip(client, URI.create(url), db, false, work);
        String serie = trip.serie();
        System.out.printf("real Odoo %s (%s) at %s, database %s, as %s over %s; this test writes to it and rolls back%n",
                serie, client.version().serverVersion(), PlanLoad.host(URI.create(url)), db, user, client.protocol());
        assertThat(serie).as("the server's serie").matches("\\d+\\.0");
        assertThat(client.protocol()).as("the protocol for Odoo " + serie)
                .isEqualTo(p != Protocol.AUTO ? p : client.version().major() >= 19 ? Protocol.JSON_2 : Protocol.XML_RPC);
        plan = trip.compile(serie, "real");
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    /**
     * Every fixture case meant to load, compiled for this server: load with no refused row, counts = before + what
     * the journal says the run and Odoo made, verify 0 missing and 0 drifted, roll back to the exact prior counts;
     * then load twice: the second load creates nothing (no record, no message, no external id) and both runs roll
     * back, last first.
     */
    @TestFactory
    Stream<DynamicNode> everyLoadableFixtureLoadsVerifiesReloadsAndRollsBack() {
        List<Path> cases = RoundTrip.loadableCases();
        assertThat(cases).as("loadable fixture cases").extracting(RoundTrip::caseName)
                .contains("aspec/basic", "ascora/basic");
        return cases.stream().map(c -> {
            String name = RoundTrip.caseName(c);
            RoundTrip t = new RoundTrip(c, client, URI.create(url), db, false, work);
            Path[] compiled = new Path[1];
            Supplier<Path> plan = () -> compiled[0] != null ? compiled[0]
                    : (compiled[0] = t.compile(trip.serie(), name.replace('/', '-')));
            return DynamicContainer.dynamicContainer(name, Stream.of(
                    DynamicTest.dynamicTest("load, verify 0 drift, roll back", () -> {
                        Verifier.Result v = t.loadVerifyRollBack(plan.get());
                        assertThat(v.records()).isNotEmpty();
                    }),
                    DynamicTest.dynamicTest("load twice: the second creates nothing; both roll back",
                            () -> t.loadTwiceThenRollBackBoth(plan.get()))));
        });
    }

    @Test
    void wrongSecretIsStoppedByThePreflightBeforeAnyWrite() {
        Map<String, Long> before = trip.counts(plan);
        try (OdooClient wrong = OdooClient.connect(OdooServer.of(url, db),
                new Credentials(user, Secret.of("ferry-wrong-secret-0000000000000000000000".toCharArray())),
                ClientOptions.defaults().withProtocol(client.protocol()))) {
            PlanLoad.Outcome o = new RoundTrip(wrong, URI.create(url), db, false, work).load(plan, LoadOptions.OnError.STOP);
            assertThat(o.blocked()).isTrue();
            assertThat(o.preflight().findings()).extracting(f -> f.code()).containsExactly(FindingCode.ODOO_002);
            assertThat(o.runDir()).isNull();
        }
        assertThat(trip.counts(plan)).isEqualTo(before);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run ferry(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", RoundTrip.ROOT.toString(), "--url", url, "--db", db, "--user", user,
                secretVariable.equals("ODOO_API_KEY") ? "--api-key-env" : "--password-env", secretVariable,
                "--protocol", protocol, "--run-dir", work.resolve("cli-runs").toString()));
        int code = cl.execute(all.toArray(String[]::new));
        Run r = new Run(code, out.toString(), err.toString());
        assertNoSecretIn(r.out() + r.err());
        return r;
    }

    /** A short secret (a demo "admin") may equal ordinary words of the output; longer ones must never appear. */
    private static void assertNoSecretIn(String text) {
        String secret = System.getenv(secretVariable);
        if (secret.length() >= 8 && !secret.equals(user)) {
            assertThat(text.contains(secret)).as("the secret appears in the output or journal").isFalse();
        }
    }

    @Test
    void cliLoadVerifyAndRollbackWithTheSecretNamedByVariable() throws Exception {
        Map<String, Long> before = trip.counts(plan);
        String runId = null;
        boolean rolledBack = false;
        try {
            Run load = ferry("load", plan.toString());
            Matcher m = Pattern.compile("run (r-[0-9a-f-]+): (\\w+)").matcher(load.out());
            if (m.find()) {
                runId = m.group(1);
            }
            assertThat(load.exit()).as(load.out() + load.err()).isZero();
            assertThat(runId).as("the run line of: " + load.out()).isNotNull();
            assertThat(m.group(2)).isEqualTo("DONE");

            Run verify = ferry("verify", runId);
            assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("verify: 372 complete, 0 missing, 0 drifted of 372 records");
            assertThat(work.resolve("cli-runs").resolve(runId).resolve("report.html")).exists();

            Run rollback = ferry("rollback", runId);
            rolledBack = rollback.exit() == 0;
            assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();
            assertThat(rollback.out()).contains("rolled back run " + runId);
            assertNoSecretIn(Files.readString(work.resolve("cli-runs").resolve(runId).resolve("journal.jsonl")));
        } finally {
            if (runId != null && !rolledBack) {
                trip.rollBack(work.resolve("cli-runs").resolve(runId));
            }
        }
        assertThat(trip.counts(plan)).isEqualTo(before);
    }
}
