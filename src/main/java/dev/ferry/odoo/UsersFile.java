package dev.ferry.odoo;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A users file ({@code id,login,email,name}), the form compile resolves owners against, pulled from a server. */
public final class UsersFile {
    private UsersFile() {
    }

    /** Writes the server's internal users, by id, to {@code file}; returns how many. */
    public static int pull(OdooClient client, Path file) {
        List<Map<String, Object>> users = client.searchRead("res.users", List.of(List.of("share", "=", false)),
                List.of("login", "email", "name"), 0, null, "id");
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            p.printRecord("id", "login", "email", "name");
            for (Map<String, Object> u : users) {
                p.printRecord(u.get("id"), text(u.get("login")), text(u.get("email")), text(u.get("name")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return users.size();
    }

    private static String text(Object o) {
        return o instanceof String s ? s : "";
    }
}
