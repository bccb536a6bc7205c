package dev.ferry.cli;

import dev.ferry.finding.Severity;
import dev.ferry.odoo.OdooClient;
import dev.ferry.report.FindingsRenderer;
import dev.ferry.run.Rollback;
import dev.ferry.run.RunJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ferry rollback}: undo a run from its journal, in reverse step order. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Undo a run from its journal: unlink what it created, restore what it updated.")
final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String run;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "runs", description = "Folder for run folders (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--dry-run", description = "List every action, write nothing.")
    boolean dryRun;

    @Option(names = "--skip-irreversible", description = "Undo everything else when call steps cannot be undone.")
    boolean skipIrreversible;

    @Override
    public Integer call() {
        RunJournal journal = RunJournal.read(runsDir.resolve(run));
        if (connection.url == null) {
            throw new CliException(Main.BAD_INPUT, "run " + run + (journal.info().sandbox() ? " went to the embedded sandbox, which ended with its process; use `ferry run --case ... --rollback`"
                    : " needs --url, --db and a secret option"));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (OdooClient client = connection.connect()) {
            Rollback.Plan plan = Rollback.plan(client, journal);
            if (!plan.irreversible().isEmpty() && !skipIrreversible) {
                FindingsRenderer.render(plan.irreversible(), Severity.WARNING, spec.commandLine().getErr());
                return Main.BAD_INPUT;
            }
            plan.actions().forEach(a -> out.println((dryRun ? "would " : "") + a.describe()));
            if (!dryRun) {
                Rollback.apply(client, journal, plan);
                out.println("rolled back run " + run + ": " + plan.actions().size() + " action(s)");
            }
            out.flush();
            return Main.OK;
        }
    }
}
