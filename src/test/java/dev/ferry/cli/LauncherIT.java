package dev.ferry.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shaded jar as a user would. A shade that loses Drools' META-INF/services entries builds but fails on
 * the first field constraint, so only this test catches it.
 */
class LauncherIT {
    private record Run(int exit, String out, String err) {
    }

    private static Run ferry(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.serialFilter=!*", "-jar", "target/ferry.jar"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("ferry-out", ".txt");
        Path err = Files.createTempFile("ferry-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void packagedJarCompilesTheAspecFixtureToItsGoldenPlan() throws Exception {
        Path plan = Path.of("target/it-plan-aspec");
        Run r = ferry("compile", "--case", "fixtures/aspec/basic/case.yaml", "--odoo", "17.0", "-o", plan.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("plan written to");
        Path golden = Path.of("fixtures/aspec/basic/expected/17.0");
        for (String f : List.of("plan.yaml", "08-load-res.partner.csv", "09-load-crm.lead.csv", "findings.csv")) {
            assertThat(plan.resolve(f)).as(f).hasSameTextualContentAs(golden.resolve(f));
        }
    }

    @Test
    void packagedJarRefusesBadInputWithExitCodeThreeAndNoStackTrace() throws Exception {
        Run r = ferry("compile", "--case", "fixtures/aspec/bad-date/case.yaml", "-o", "target/it-plan-bad");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("fixtures/aspec/bad-date/export/ibos.csv:2: error SRC-014: aspec/ibo#I-3018 close_date: "
                + "found '31/02/2024'; expected a date MM/dd/yyyy").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Path.of("target/it-plan-bad/plan.yaml")).doesNotExist();
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        Run r = ferry("compile", "--no-such-option");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'");
    }
}
