package dev.ferry.cli;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.finding.Severity;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.LoadReport;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanReader;
import dev.ferry.report.FindingsRenderer;
import dev.ferry.run.PlanLoad;
import dev.ferry.run.SandboxTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ferry load}: preflight, then load a plan in batches with a journal; into the sandbox without --url. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load a plan into Odoo (preflight, batches, journal); without --url into the embedded sandbox.")
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    LoadTuning tuning;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", description = "The plan folder.")
    Path planDir;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue run RUN from its journal.")
    String resume;

    @Option(names = "--dry-run", description = "Print what would be written, write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (resume != null) {
            if (connection.url == null) {
                throw new CliException(Main.BAD_INPUT, "run " + resume + " went to the embedded sandbox, which ended with its process;"
                        + " resume needs --url of a real Odoo");
            }
            Path runDir = tuning.runsDir.resolve(resume);
            Plan plan = PlanReader.read(Path.of(dev.ferry.run.RunJournal.read(runDir).info().planDir()));
            OdooCatalog catalog = OdooCatalog.load(common.home().resolve("catalogs/odoo/" + plan.odooVersion()));
            try (OdooClient client = connection.connect()) {
                PlanLoad.Outcome o = PlanLoad.resume(runDir, catalog, connection.target(client), List.of(new ProgressListener(spec.commandLine().getErr())), Clock.systemUTC());
                return finish(out, o);
            }
        }
        if (planDir == null) {
            throw new CliException(Main.USAGE, "give PLAN (a plan folder) or --resume RUN");
        }
        Plan plan = PlanReader.read(planDir);
        OdooCatalog catalog = OdooCatalog.load(common.home().resolve("catalogs/odoo/" + plan.odooVersion()));
        if (connection.url == null) {
            try (OdooSandbox sandbox = SandboxTarget.start(catalog, plan, planDir);
                 OdooClient client = ConnectionOptions.sandboxClient(sandbox)) {
                out.println("target: Ferry's embedded Odoo " + sandbox.version() + " sandbox at " + sandbox.url()
                        + " (in memory; it ends with this process; use `ferry run --case ...` to verify and roll back)");
                PlanLoad.Target target = new PlanLoad.Target(client, sandbox.url(), sandbox.database(), true);
                return dryRun ? preview(out, planDir, catalog, target) : finish(out, PlanLoad.load(planDir, catalog, target,
                        tuning.options(), tuning.sample, tuning.runsDir, null,
                        List.of(new ProgressListener(spec.commandLine().getErr())), Clock.systemUTC()));
            }
        }
        try (OdooClient client = connection.connect()) {
            return dryRun ? preview(out, planDir, catalog, connection.target(client)) : finish(out, PlanLoad.load(planDir, catalog, connection.target(client),
                    tuning.options(), tuning.sample, tuning.runsDir, null,
                    List.of(new ProgressListener(spec.commandLine().getErr())), Clock.systemUTC()));
        }
    }

    private int preview(PrintWriter out, Path planDir, OdooCatalog catalog, PlanLoad.Target target) {
        PlanLoad.Preview p = PlanLoad.preview(planDir, catalog, target, tuning.sample);
        if (p.preflight().blocking()) {
            FindingsRenderer.render(p.preflight().findings(), Severity.WARNING, spec.commandLine().getErr());
            spec.commandLine().getErr().println("preflight found drift; a load would write nothing");
            spec.commandLine().getErr().flush();
            return Main.BAD_INPUT;
        }
        out.println("dry run: preflight passed; nothing is written");
        for (PlanLoad.StepPreview s : p.steps()) {
            if ("call".equals(s.kind())) {
                out.printf("  %-40s call   %6d record(s) to call on, %d found%n", s.stepId(), s.records(), s.existing());
            } else {
                out.printf("  %-40s %-6s %6d record(s): %5d to create, %5d to update%n", s.stepId(), s.kind(),
                        s.records(), s.records() - s.existing(), s.existing());
            }
        }
        out.flush();
        return Main.OK;
    }

    private int finish(PrintWriter out, PlanLoad.Outcome o) {
        if (o.blocked()) {
            FindingsRenderer.render(o.preflight().findings(), Severity.WARNING, spec.commandLine().getErr());
            spec.commandLine().getErr().println(o.preflight().unreachable() ? "the server could not be reached; nothing was written"
                    : "preflight found drift; nothing was written");
            spec.commandLine().getErr().flush();
            return PlanLoad.exitCode(o);
        }
        printReport(out, o);
        out.println("run folder: " + o.runDir());
        out.flush();
        return PlanLoad.exitCode(o);
    }

    static void printReport(PrintWriter out, PlanLoad.Outcome o) {
        out.printf("run %s: %s%n", o.runId(), o.report().status());
        for (LoadReport.StepReport s : o.report().steps()) {
            out.printf("  %-40s %-8s %6d records  %5d created  %5d updated  %5d unchanged  %5d failed%n", s.stepId(),
                    s.status(), s.records(), s.created(), s.updated(), s.unchanged(), s.failed());
        }
        if (o.report().message() != null) {
            out.println("stopped: " + o.report().message());
            out.println("    hint: fix the cause, then `ferry load --resume " + o.runId() + "` with the same --url;"
                    + " `ferry verify " + o.runId() + "` shows what landed");
        }
        if (o.report().failedRows() > 0) {
            out.println("refused rows with Odoo's message and their source: " + o.runDir().resolve("failed"));
        }
    }
}
