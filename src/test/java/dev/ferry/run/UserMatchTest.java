package dev.ferry.run;

import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.StepStatus;
import dev.ferry.odoo.sandbox.OdooSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan names owners by the ids of the users file it was compiled with; a database that numbers the same users
 * differently gets each record's owner matched by login, and an owner it lacks leaves the record to Odoo's default.
 */
class UserMatchTest {
    @TempDir
    Path tmp;

    @Test
    void ownersAreMatchedByLoginWhenTheDatabaseNumbersUsersDifferently() throws IOException {
        Path plan = copy(Plans.aspec("17.0"), tmp.resolve("plan"));
        // Users created in another order get other ids than the users file had.
        Path users = plan.resolve("users.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(users, StandardCharsets.UTF_8));
        List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.rotate(body, -2);
        try (OdooSandbox odoo = SandboxTarget.start(Plans.catalog("17.0"), dev.ferry.plan.PlanReader.read(plan), withUsers(plan, lines.get(0), body));
             OdooClient client = Plans.client(odoo)) {
            Files.writeString(users, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            String ownerInPlan = cell(plan.resolve("09-load-crm.lead.csv"), "ferry_aspec.ibo_I_3001", "user_id/.id");
            String login = cell(users, ownerInPlan, "login");
            long live = client.search("res.users", List.of(List.of("login", "=", login)), 0, null, null).get(0);
            assertThat(live).as("the database numbers the owner differently from the users file")
                    .isNotEqualTo(Long.parseLong(ownerInPlan));
            PlanLoad.Outcome o = PlanLoad.load(plan, Plans.catalog("17.0"), Plans.target(odoo, client), LoadOptions.defaults(),
                    0, tmp.resolve("runs"), null, List.of(), Clock.systemUTC());
            assertThat(o.report().status()).isEqualTo(StepStatus.DONE);
            long lead = client.lookupExternalIds(List.of("ferry_aspec.ibo_I_3001")).get("ferry_aspec.ibo_I_3001").id();
            Object owner = client.read("crm.lead", List.of(lead), List.of("user_id")).get(0).get("user_id");
            assertThat(((List<?>) owner).get(0)).isEqualTo(live);
            Verifier.Result v = Verifier.verify(client, plan, null, Map.of());
            assertThat(v.differences()).isZero();
        }
    }

    @Test
    void anOwnerTheDatabaseLacksIsAWarningAndTheRecordKeepsOdoosDefault() throws IOException {
        Path plan = copy(Plans.aspec("17.0"), tmp.resolve("plan"));
        Path users = plan.resolve("users.csv");
        List<String> lines = Files.readAllLines(users, StandardCharsets.UTF_8);
        String ownerInPlan = cell(plan.resolve("09-load-crm.lead.csv"), "ferry_aspec.ibo_I_3001", "user_id/.id");
        String login = cell(users, ownerInPlan, "login");
        List<String> withoutOwner = lines.stream().filter(l -> !l.startsWith(ownerInPlan + ",")).toList();
        try (OdooSandbox odoo = SandboxTarget.start(Plans.catalog("17.0"), dev.ferry.plan.PlanReader.read(plan),
                withUsers(plan, withoutOwner.get(0), withoutOwner.subList(1, withoutOwner.size())));
             OdooClient client = Plans.client(odoo)) {
            Files.writeString(users, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            PlanLoad.Outcome o = PlanLoad.load(plan, Plans.catalog("17.0"), Plans.target(odoo, client), LoadOptions.defaults(),
                    0, tmp.resolve("runs"), null, List.of(), Clock.systemUTC());
            List<Finding> warnings = o.preflight().findings().stream().filter(f -> f.code() == FindingCode.ODOO_008).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).value()).isEqualTo(login);
            assertThat(o.report().status()).isEqualTo(StepStatus.DONE);
            long lead = client.lookupExternalIds(List.of("ferry_aspec.ibo_I_3001")).get("ferry_aspec.ibo_I_3001").id();
            Object owner = client.read("crm.lead", List.of(lead), List.of("user_id")).get(0).get("user_id");
            assertThat(((List<?>) owner).get(0)).as("Odoo's default salesperson: the loading user").isEqualTo(client.authenticate());
        }
    }

    /** The plan folder with users.csv replaced for the sandbox's set-up (restored by the caller afterwards). */
    private static Path withUsers(Path plan, String header, List<String> rows) throws IOException {
        List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        Files.writeString(plan.resolve("users.csv"), String.join("\n", all) + "\n", StandardCharsets.UTF_8);
        return plan;
    }

    private static String cell(Path csv, String xid, String column) throws IOException {
        try (var p = org.apache.commons.csv.CSVParser.parse(csv, StandardCharsets.UTF_8,
                org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (var r : p) {
                if (r.get(0).equals(xid)) {
                    return r.get(column);
                }
            }
        }
        throw new AssertionError(xid + " not in " + csv);
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
