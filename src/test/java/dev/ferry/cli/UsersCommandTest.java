package dev.ferry.cli;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.odoo.sandbox.OdooSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UsersCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void pullsTheServersInternalUsersAsAUsersFile() throws Exception {
        try (OdooSandbox odoo = OdooSandbox.builder(OdooCatalog.load(Path.of("catalogs/odoo/17.0"))).start()) {
            long partner = odoo.env().create("res.partner", Map.of("name", "Ana Lima", "email", "ana@example.com"));
            odoo.env().create("res.users", Map.of("login", "ana@example.com", "name", "Ana Lima", "partner_id", partner,
                    "company_id", 1L));
            Path secret = Files.writeString(tmp.resolve("password"), odoo.password());
            Path users = tmp.resolve("users.csv");
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute("users", "pull", "--url", odoo.url().toString(), "--db", odoo.database(), "--user",
                    odoo.login(), "--password-file", secret.toString(), "--protocol", "xml-rpc", "-o", users.toString());
            assertThat(code).as(err.toString()).isZero();
            List<String> lines = Files.readAllLines(users, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("id,login,email,name");
            assertThat(lines).anyMatch(l -> l.endsWith(",ana@example.com,ana@example.com,Ana Lima"));
            assertThat(lines).anyMatch(l -> l.startsWith("2,admin,"));
            assertThat(out.toString()).doesNotContain(odoo.password());
        }
    }
}
