package dev.ferry.run;

import dev.ferry.odoo.OdooClient;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users a compile resolves owners against, for writer tests and benchmarks: a server's own users, or the
 * fixture's. A plan assigns records to users by database id, so it must be compiled with the target's users.
 */
public final class TargetUsers {
    /** The ASPEC fixture's users file (ids 2–9 of the fixture's company). */
    public static final Path FIXTURE = Path.of("fixtures/aspec/basic/odoo-users.csv").toAbsolutePath();

    private TargetUsers() {
    }

    /** Writes the server's users to {@code file} as a users file ({@code id,login,email,name}). */
    public static Path writeServerUsers(OdooClient client, Path file) {
        dev.ferry.odoo.UsersFile.pull(client, file);
        return file;
    }

    /** The login of the user the client authenticates as; the natural {@code fallback-owner} on a real server. */
    public static String login(OdooClient client) {
        long uid = client.authenticate();
        List<Map<String, Object>> rows = client.read("res.users", List.of(uid), List.of("login"));
        if (rows.size() != 1) {
            throw new IllegalStateException("res.users " + uid + " of the logged-in user cannot be read");
        }
        return String.valueOf(rows.get(0).get("login"));
    }

}
