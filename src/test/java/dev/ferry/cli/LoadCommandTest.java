package dev.ferry.cli;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SandboxSnapshot;
import dev.ferry.plan.CaseFile;
import dev.ferry.plan.CompileOptions;
import dev.ferry.plan.CompileResult;
import dev.ferry.plan.PlanCompiler;
import dev.ferry.plan.PlanReader;
import dev.ferry.run.SandboxTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ferry load} black-box: the dry run writes nothing; an unreachable server is a message and an exit code. */
class LoadCommandTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private static Path plan;

    @BeforeAll
    static void compile() {
        CaseFile c = CaseFile.load(ROOT.resolve("fixtures/aspec/basic/case.yaml"), "fixtures/aspec/basic/case.yaml");
        plan = shared.resolve("plan");
        CompileResult r = new PlanCompiler(new CompileOptions(ROOT, c.platform(), c.pair(), "17.0", c.exportDir(), c.users(),
                c.options(), 500, plan)).compile();
        assertThat(r.written()).as(r.findings().toString()).isTrue();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run ferry(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--home", ROOT.toString()));
        return new Run(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void dryRunAgainstAServerListsTheStepsAndWritesNothing() throws Exception {
        try (OdooSandbox odoo = SandboxTarget.start(OdooCatalog.load(ROOT.resolve("catalogs/odoo/17.0")), PlanReader.read(plan),
                plan)) {
            SandboxSnapshot before = odoo.snapshot();
            Path secret = Files.writeString(work.resolve("password"), odoo.password());
            Run r = ferry(List.of("load", plan.toString(), "--dry-run", "--url", odoo.url().toString(), "--db", odoo.database(),
                    "--user", odoo.login(), "--password-file", secret.toString(), "--run-dir", work.resolve("runs").toString()));

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("nothing is written")
                    .containsPattern("01-schema-ir\\.model\\.fields +schema +13 record\\(s\\): +13 to create")
                    .containsPattern("08-load-res\\.partner +load +125 record\\(s\\)")
                    .containsPattern("11-load-mail\\.message +load +82 record\\(s\\)");
            assertThat(odoo.writeCallCount()).as("write calls: %s", odoo.calls()).isZero();
            assertThat(odoo.snapshot().differences(before)).isEmpty();
            assertThat(work.resolve("runs")).doesNotExist();
        }
    }

    @Test
    void dryRunIntoTheEmbeddedSandboxStartsNoRun() {
        Run r = ferry(List.of("load", plan.toString(), "--dry-run", "--run-dir", work.resolve("runs").toString()));

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("nothing is written").containsPattern("09-load-crm\\.lead +load +95 record\\(s\\)");
        assertThat(r.out()).doesNotContain("run folder:");
        assertThat(work.resolve("runs")).doesNotExist();
    }

    /**
     * Nothing listens on port 1. Expected: exit 4 (load failed, state consistent: nothing was sent) and a readable
     * message naming the server, no stack trace, whether the version probe ({@code auto}) or the preflight
     * ({@code xml-rpc}) is the first to find out.
     */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "xml-rpc"})
    void unreachableServerIsAReadableMessageAndExitFour(String protocol) throws Exception {
        Path secret = Files.writeString(work.resolve("password"), "not-needed-here");
        Run r = ferry(List.of("load", plan.toString(), "--url", "http://127.0.0.1:1", "--db", "ferry", "--user", "admin",
                "--password-file", secret.toString(), "--protocol", protocol, "--run-dir", work.resolve("runs").toString()));

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Main.LOAD_FAILED);
        assertThat(r.err()).contains("127.0.0.1:1").doesNotContain("internal error").doesNotContain("Exception")
                .doesNotContain("\tat ").doesNotContain("not-needed-here");
        assertThat(work.resolve("runs")).doesNotExist();
    }
}
