package dev.ferry.run;

import dev.ferry.cli.Main;
import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.LoadReport;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.Secret;
import dev.ferry.odoo.StepStatus;
import dev.ferry.odoo.StepTable;
import dev.ferry.odoo.sandbox.OdooSandbox;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bad row in a batch of 500: Odoo refuses the whole call, Ferry narrows it down so the 499 good rows land, and
 * the bad one goes to the failed-rows file with Odoo's message and its source record and file:line.
 */
class RefusedRowsTest {
    private static final String PARTNERS = "08-load-res.partner";
    /** Only Odoo's import can refuse this; the preflight checks references and selections, not booleans. */
    private static final String BAD_FLAG = "maybe";

    @TempDir
    static Path work;

    private static Path plan;
    /** The record whose company flag the test breaks: in the first batch, referenced by no other partner. */
    private static String badXid;
    private static int partnerCount;

    @BeforeAll
    static void planWithOneBadPartner() throws IOException {
        Path source = Plans.generated(1200, "17.0");
        plan = work.resolve("plan");
        Plans.copy(source, plan);
        Path csv = plan.resolve(PARTNERS + ".csv");
        StepTable table = StepTable.read(csv);
        partnerCount = table.records().size();
        assertThat(partnerCount).as("more than one batch of partners").isGreaterThan(500);
        Set<String> referenced = new HashSet<>();
        table.records().forEach(r -> referenced.addAll(table.references(r)));
        badXid = table.records().subList(200, 500).stream().map(StepTable.Record::xid)
                .filter(x -> !referenced.contains(x)).findFirst().orElseThrow();

        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.parse(csv, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            rows = p.getRecords();
        }
        int flag = rows.get(0).toList().indexOf("is_company");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            for (CSVRecord r : rows) {
                List<String> cells = new ArrayList<>(r.toList());
                if (cells.get(0).equals(badXid)) {
                    cells.set(flag, BAD_FLAG);
                }
                out.printRecord(cells);
            }
        }
    }

    private static OdooClient client(OdooSandbox odoo) {
        return OdooClient.connect(new OdooServer(odoo.url(), odoo.database()),
                new Credentials(odoo.login(), Secret.of(odoo.password().toCharArray())), ClientOptions.defaults());
    }

    @Test
    void oneBadRowInFiveHundredLeavesTheOther499LoadedAndTheBadOneInTheFailFile() throws IOException {
        try (OdooSandbox odoo = Plans.sandboxWithFixtureUsers(plan, Plans.catalog("17.0")); OdooClient client = client(odoo)) {
            int partnersBefore = odoo.snapshot().records("res.partner").size();
            PlanLoad.Outcome o = PlanLoad.load(plan, Plans.catalog("17.0"), Plans.target(odoo, client),
                    new LoadOptions(500, LoadOptions.OnError.STOP, null, null), 0, work.resolve("runs"), null, List.of(),
                    Clock.systemUTC());

            assertThat(o.report().status()).isEqualTo(StepStatus.FAILED);
            assertThat(PlanLoad.exitCode(o)).isEqualTo(4);
            LoadReport.StepReport partners = o.report().steps().stream().filter(s -> s.stepId().equals(PARTNERS)).findFirst().orElseThrow();
            assertThat(partners.created()).isEqualTo(499);
            assertThat(partners.failed()).isEqualTo(1);
            assertThat(o.report().message()).isEqualTo(PARTNERS + " batch 1/2: 1 record(s) refused");
            // With --on-error stop, the run ends after the batch: the 499 landed, nothing after them was sent.
            assertThat(odoo.snapshot().records("res.partner")).hasSize(partnersBefore + 499);
            assertThat(o.report().steps()).extracting(LoadReport.StepReport::stepId).last().isEqualTo(PARTNERS);
            assertThat(client.lookupExternalIds(List.of(badXid))).isEmpty();

            String message = "Unknown value '" + BAD_FLAG + "' for boolean field 'Is a Company'";
            assertThat(RunJournal.read(o.runDir()).failed()).containsExactly(java.util.Map.entry(badXid, message));
            List<CSVRecord> failed;
            try (CSVParser p = CSVParser.parse(o.runDir().resolve("failed/" + PARTNERS + ".csv"), StandardCharsets.UTF_8,
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                failed = p.getRecords();
                assertThat(p.getHeaderNames()).startsWith("id").endsWith("ferry_message", "ferry_source", "ferry_origin");
            }
            assertThat(failed).hasSize(1);
            CSVRecord row = failed.get(0);
            assertThat(row.get("id")).isEqualTo(badXid);
            assertThat(row.get("is_company")).isEqualTo(BAD_FLAG);
            assertThat(row.get("ferry_message")).isEqualTo(message);
            // The source is the record's key; the origin the export line it came from, which holds that key.
            assertThat(row.get("ferry_source")).matches("aspec/contact#C-\\d+");
            String key = row.get("ferry_source").substring(row.get("ferry_source").indexOf('#') + 1);
            assertThat(badXid).endsWith("_" + key.replace('-', '_'));
            String origin = row.get("ferry_origin");
            assertThat(origin).matches(".*contacts\\.csv:\\d+");
            int line = Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
            List<String> lines = Files.readAllLines(Plans.ROOT.resolve(origin.substring(0, origin.lastIndexOf(':'))),
                    StandardCharsets.UTF_8);
            assertThat(lines.get(line - 1)).startsWith(key + ",");
        }
    }

    @Test
    void theCliReportsTheRefusedRowAndExitsWithFour() throws IOException {
        try (OdooSandbox odoo = Plans.sandboxWithFixtureUsers(plan, Plans.catalog("17.0"))) {
            Path secret = Files.writeString(work.resolve("password-cli"), odoo.password());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute("load", plan.toString(), "--home", Plans.ROOT.toString(), "--url", odoo.url().toString(),
                    "--db", odoo.database(), "--user", odoo.login(), "--password-file", secret.toString(),
                    "--run-dir", work.resolve("cli-runs").toString());

            assertThat(code).as(out + "\n" + err).isEqualTo(4);
            assertThat(out.toString()).containsPattern("run r-[0-9a-f-]+: FAILED")
                    .containsPattern(PARTNERS + " +FAILED +" + partnerCount + " records +499 created +0 updated +0 unchanged +1 failed")
                    .contains("stopped: " + PARTNERS + " batch 1/2: 1 record(s) refused")
                    .contains("refused rows with Odoo's message and their source: " + work.resolve("cli-runs"));
            assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
