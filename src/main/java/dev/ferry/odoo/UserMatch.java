package dev.ferry.odoo;

import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Origin;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The plan's owners matched to the target database's users. A plan names users by the database ids of the users
 * file it was compiled with ({@code users.csv} in the plan); another database numbers its users differently, so
 * each plan user is matched by id and login, else by login, else by e-mail. An owner the target lacks is left
 * out, so the record gets Odoo's default owner, with a warning.
 *
 * @param ids      plan user id → target user id, or null when the target has no such user
 * @param findings a warning per plan user the target lacks
 */
public record UserMatch(Map<Long, Long> ids, List<Finding> findings) {

    /** The match for a plan without {@code users.csv}: ids are taken as they are. */
    public static UserMatch identity() {
        return new UserMatch(Map.of(), List.of());
    }

    public static UserMatch resolve(OdooClient client, Path planDir) {
        Path file = planDir.resolve("users.csv");
        if (!Files.isRegularFile(file)) {
            return identity();
        }
        List<CSVRecord> planUsers = read(file);
        Map<Long, Map<String, Object>> liveById = new HashMap<>();
        Map<String, Long> liveByLogin = new HashMap<>();
        Map<String, Long> liveByEmail = new HashMap<>();
        for (Map<String, Object> u : client.searchRead("res.users", List.of(), List.of("login", "email"))) {
            long id = ((Number) u.get("id")).longValue();
            liveById.put(id, u);
            liveByLogin.putIfAbsent(norm(u.get("login")), id);
            liveByEmail.putIfAbsent(norm(u.get("email")), id);
        }
        Map<Long, Long> ids = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (CSVRecord r : planUsers) {
            long id = Long.parseLong(r.get("id").strip());
            String login = norm(r.get("login"));
            String email = norm(r.get("email"));
            Map<String, Object> same = liveById.get(id);
            Long match = null;
            if (same != null && (matches(login, same) || matches(email, same))) {
                match = id;
            } else if (!login.isEmpty() && liveByLogin.containsKey(login)) {
                match = liveByLogin.get(login);
            } else if (!email.isEmpty() && liveByLogin.containsKey(email)) {
                match = liveByLogin.get(email);
            } else if (!email.isEmpty() && liveByEmail.containsKey(email)) {
                match = liveByEmail.get(email);
            }
            ids.put(id, match);
            if (match == null) {
                findings.add(Finding.warning(FindingCode.ODOO_008, Origin.file(file.toString(), (int) r.getRecordNumber() + 1, 0),
                        r.get("login"), "a user of the server with this login or e-mail; the records this user owns get"
                                + " Odoo's default owner").withHint("create the user in Odoo before loading, or compile"
                        + " again with the option fallback-owner"));
            }
        }
        return new UserMatch(ids, List.copyOf(findings));
    }

    /** A {@code field/.id} cell of a res.users field with the plan's ids replaced by the target's. */
    public String remap(String cell) {
        if (ids.isEmpty() || cell.isEmpty()) {
            return cell;
        }
        StringJoiner out = new StringJoiner(",");
        for (String part : cell.split(",")) {
            String p = part.strip();
            Long planId;
            try {
                planId = Long.parseLong(p);
            } catch (NumberFormatException e) {
                out.add(p);
                continue;
            }
            if (!ids.containsKey(planId)) {
                out.add(p);
            } else if (ids.get(planId) != null) {
                out.add(Long.toString(ids.get(planId)));
            }
        }
        return out.toString();
    }

    private static boolean matches(String key, Map<String, Object> live) {
        return !key.isEmpty() && (key.equals(norm(live.get("login"))) || key.equals(norm(live.get("email"))));
    }

    private static String norm(Object o) {
        return o instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : "";
    }

    private static List<CSVRecord> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
