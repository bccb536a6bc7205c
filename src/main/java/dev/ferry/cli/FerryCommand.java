package dev.ferry.cli;

import picocli.CommandLine.Command;

/** The top-level {@code ferry} command; the verbs follow the pipeline. */
@Command(name = "ferry", mixinStandardHelpOptions = true, version = "ferry 0.1.0",
        description = "Compile a source platform's export into a validated Odoo load plan, and load it.",
        subcommands = {CompileCommand.class, CatalogCommand.class, ExplainCommand.class, LoadCommand.class,
                VerifyCommand.class, RollbackCommand.class, RunCommand.class, UsersCommand.class})
final class FerryCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
