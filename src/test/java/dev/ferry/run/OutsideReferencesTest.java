package dev.ferry.run;

import dev.ferry.finding.Finding;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SandboxSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The preflight refuses a plan that names a record the server lacks, before the first write. */
class OutsideReferencesTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingCountryBlocksTheLoadAndNamesTheRow() throws IOException {
        Path plan = copy(Plans.aspec("17.0"), tmp.resolve("plan"));
        Path partners = plan.resolve("08-load-res.partner.csv");
        String csv = Files.readString(partners, StandardCharsets.UTF_8);
        Files.writeString(partners, csv.replaceFirst(",base\\.ca,", ",base.atlantis,"), StandardCharsets.UTF_8);
        int line = lineOf(Files.readAllLines(partners, StandardCharsets.UTF_8), "base.atlantis");
        try (OdooSandbox odoo = Plans.sandbox(plan); OdooClient client = Plans.client(odoo)) {
            SandboxSnapshot before = odoo.snapshot();
            PlanLoad.Outcome o = PlanLoad.load(plan, Plans.catalog("17.0"), Plans.target(odoo, client),
                    LoadOptions.defaults(), 0, tmp.resolve("runs"), null, List.of(), Clock.systemUTC());
            assertThat(o.blocked()).isTrue();
            List<Finding> errors = o.preflight().findings().stream().filter(Finding::isError).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).code()).isEqualTo(dev.ferry.finding.FindingCode.ODOO_007);
            assertThat(errors.get(0).origin().line()).isEqualTo(line);
            assertThat(errors.get(0).origin().field()).isEqualTo("country_id");
            assertThat(errors.get(0).value()).isEqualTo("base.atlantis");
            assertThat(odoo.snapshot().differences(before)).isEmpty();
        }
    }

    private static int lineOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not found");
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
        return to;
    }
}
