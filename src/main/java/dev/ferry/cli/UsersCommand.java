package dev.ferry.cli;

import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.UsersFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
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
                int n = UsersFile.pull(client, output);
                spec.commandLine().getOut().printf("wrote %d users to %s%n", n, output);
                return Main.OK;
            }
        }
    }
}
