package dev.ferry.cli;

import dev.ferry.odoo.OdooClient;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ferry users}: the target's users, which owners are resolved against when compiling. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Read the target Odoo's users.",
        subcommands = {UsersCommand.Pull.class})
final class UsersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ferry users pull -o FILE}: the server's internal users as a users file for {@code compile --users}. */
    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Write the server's internal users (id,login,email,name) as a users file for `compile --users`.")
    static final class Pull implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        ConnectionOptions connection;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The users file to write.")
        Path output;

        @Override
        public Integer call() {
            if (connection.url == null) {
                throw new CliException(Main.USAGE, "give --url of the Odoo server to read the users from");
            }
            try (OdooClient client = connection.connect()) {
                List<Map<String, Object>> users = client.searchRead("res.users", List.of(List.of("share", "=", false)),
                        List.of("login", "email", "name"));
                users.sort(Comparator.comparingLong(u -> ((Number) u.get("id")).longValue()));
                try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(output, StandardCharsets.UTF_8),
                        CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
                    p.printRecord("id", "login", "email", "name");
                    for (Map<String, Object> u : users) {
                        p.printRecord(u.get("id"), text(u.get("login")), text(u.get("email")), text(u.get("name")));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + output, e);
                }
                spec.commandLine().getOut().printf("wrote %d users to %s%n", users.size(), output);
                return Main.OK;
            }
        }

        private static String text(Object o) {
            return o instanceof String s ? s : "";
        }
    }
}
