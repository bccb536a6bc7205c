package dev.ferry.run;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.catalog.OdooField;
import dev.ferry.catalog.OdooModel;
import dev.ferry.cli.Main;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SandboxSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preflight against a server whose models differ from the plan's catalog: {@code res.partner} without
 * {@code website} (a field the plan writes) and {@code crm.lead.type} without the key {@code opportunity} (a value
 * the plan writes). The load is blocked with ODOO-004 findings and nothing at all is written.
 */
class PreflightDriftTest {
    @TempDir
    Path work;

    /** The 17.0 catalog as a customised server would answer fields_get: one field gone, one selection key gone. */
    private static OdooCatalog driftedServer() {
        OdooCatalog c = Plans.catalog("17.0");
        SortedMap<String, OdooModel> models = new TreeMap<>(c.models());
        SortedMap<String, OdooField> partner = new TreeMap<>(models.get("res.partner").fields());
        assertThat(partner.remove("website")).isNotNull();
        models.put("res.partner", new OdooModel("res.partner", partner));
        SortedMap<String, OdooField> lead = new TreeMap<>(models.get("crm.lead").fields());
        OdooField type = lead.get("type");
        assertThat(type.hasChoice("opportunity")).isTrue();
        lead.put("type", new OdooField(type.name(), type.type(), type.label(), type.required(), type.readonly(), type.stored(),
                type.relation(), type.selection().stream().filter(ch -> !ch.key().equals("opportunity")).toList()));
        models.put("crm.lead", new OdooModel("crm.lead", lead));
        return new OdooCatalog(c.version(), models, new TreeSet<>(c.apps()));
    }

    @Test
    void driftBlocksTheLoadWithOdoo004AndNothingIsWritten() {
        Path plan = Plans.aspec("17.0");
        try (OdooSandbox odoo = Plans.sandboxWithFixtureUsers(plan, driftedServer()); OdooClient client = Plans.client(odoo)) {
            SandboxSnapshot before = odoo.snapshot();
            odoo.clearCalls();

            PlanLoad.Outcome o = PlanLoad.load(plan, Plans.catalog("17.0"), Plans.target(odoo, client), LoadOptions.defaults(), 0,
                    work.resolve("runs"), null, List.of(), Clock.systemUTC());

            assertThat(o.blocked()).isTrue();
            assertThat(o.runId()).isNull();
            List<Finding> errors = o.preflight().findings().stream().filter(Finding::isError).toList();
            assertThat(errors).extracting(Finding::code).containsOnly(FindingCode.ODOO_004);
            assertThat(errors).extracting(Finding::headLine).containsExactlyInAnyOrder(
                    plan.resolve("08-load-res.partner.csv") + ":1: error ODOO-004: res.partner website: the field on the server;"
                            + " the plan writes it but the server's res.partner has no field 'website'",
                    plan.resolve("09-load-crm.lead.csv") + ":1: error ODOO-004: crm.lead type: found 'opportunity';"
                            + " expected one of the server's keys [lead]");
            assertThat(odoo.writeCallCount()).as("write calls: %s", odoo.calls()).isZero();
            assertThat(odoo.calls()).extracting(c -> c.method()).doesNotContain("load", "create", "write", "unlink");
            assertThat(odoo.snapshot().differences(before)).isEmpty();
            assertThat(work.resolve("runs")).doesNotExist();
        }
    }

    @Test
    void theCliPrintsTheDriftReportAndExitsWithThree() throws Exception {
        Path plan = Plans.aspec("17.0");
        try (OdooSandbox odoo = Plans.sandboxWithFixtureUsers(plan, driftedServer())) {
            SandboxSnapshot before = odoo.snapshot();
            Path secret = Files.writeString(work.resolve("password"), odoo.password());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute("load", plan.toString(), "--home", Plans.ROOT.toString(), "--url", odoo.url().toString(),
                    "--db", odoo.database(), "--user", odoo.login(), "--password-file", secret.toString(),
                    "--run-dir", work.resolve("runs").toString());

            assertThat(code).as(out + "\n" + err).isEqualTo(3);
            assertThat(err.toString().lines().toList()).contains(
                    plan.resolve("08-load-res.partner.csv") + ":1: error ODOO-004: res.partner website: the field on the server;"
                            + " the plan writes it but the server's res.partner has no field 'website'",
                    "    hint: install the module that adds it, or compile against the server's catalog (`ferry catalog pull`)",
                    plan.resolve("09-load-crm.lead.csv") + ":1: error ODOO-004: crm.lead type: found 'opportunity';"
                            + " expected one of the server's keys [lead]",
                    "preflight found drift; nothing was written");
            assertThat(err.toString()).contains("2 errors").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(odoo.writeCallCount()).isZero();
            assertThat(odoo.snapshot().differences(before)).isEmpty();
            assertThat(work.resolve("runs")).doesNotExist();
        }
    }
}
