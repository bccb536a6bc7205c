package dev.ferry.cli;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.Secret;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.plan.CaseFile;
import dev.ferry.plan.CompileOptions;
import dev.ferry.plan.CompileResult;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanCompiler;
import dev.ferry.plan.PlanReader;
import dev.ferry.report.FindingsRenderer;
import dev.ferry.finding.Severity;
import dev.ferry.run.PlanLoad;
import dev.ferry.run.Rollback;
import dev.ferry.run.RunId;
import dev.ferry.run.RunJournal;
import dev.ferry.run.SandboxTarget;
import dev.ferry.run.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ferry run}: compile a fixture case, load it into the embedded sandbox, verify, and optionally roll back. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Compile a case, load it into the embedded Odoo sandbox, verify it (and roll back with --rollback).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    LoadTuning tuning;

    @Option(names = "--case", paramLabel = "FILE", required = true, description = "A fixture case.yaml.")
    Path caseFile;

    @Option(names = "--odoo", paramLabel = "VERSION", description = "Target Odoo version (default: the case's first).")
    String odoo;

    @Option(names = "--rollback", description = "Roll the run back after verifying, to show rollback.")
    boolean rollback;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path home = common.home();
        CaseFile c = CaseFile.load(caseFile, caseFile.toString());
        String version = odoo != null ? odoo : c.versions().get(0);
        String runId = RunId.next();
        Path runDir = tuning.runsDir.resolve(runId);
        Path planDir = runDir.resolve("plan");
        CompileResult r = new PlanCompiler(new CompileOptions(home, c.platform(), c.pair(), version, c.exportDir(), c.users(),
                c.options(), 500, planDir, c.apps())).compile();
        if (!r.written()) {
            FindingsRenderer.render(r.findings(), Severity.WARNING, spec.commandLine().getErr());
            return Main.BAD_INPUT;
        }
        out.printf("compiled %d records for Odoo %s into %s%n", r.records(), version, planDir);
        Plan plan = PlanReader.read(planDir);
        OdooCatalog catalog = OdooCatalog.load(home.resolve("catalogs/odoo/" + version));
        try (OdooSandbox sandbox = SandboxTarget.start(catalog, plan, planDir)) {
            out.println("target: Ferry's embedded Odoo " + version + " sandbox at " + sandbox.url()
                    + " (in memory; it ends with this process)");
            boolean json2 = sandbox.version().startsWith("19");
            try (OdooClient client = OdooClient.connect(new OdooServer(sandbox.url(), sandbox.database()),
                    new Credentials(sandbox.login(), Secret.of((json2 ? sandbox.apiKey() : sandbox.password()).toCharArray())),
                    ClientOptions.defaults().withProtocol(json2 ? Protocol.JSON_2 : Protocol.XML_RPC))) {
                PlanLoad.Outcome o = PlanLoad.load(planDir, catalog, new PlanLoad.Target(client, sandbox.url(), sandbox.database(), true),
                        tuning.options(), tuning.sample, tuning.runsDir, runId,
                        List.of(new ProgressListener(spec.commandLine().getErr())), Clock.systemUTC());
                if (o.blocked()) {
                    FindingsRenderer.render(o.preflight().findings(), Severity.WARNING, spec.commandLine().getErr());
                    return Main.BAD_INPUT;
                }
                LoadCommand.printReport(out, o);
                RunJournal journal = RunJournal.read(o.runDir());
                Verifier.Result v = Verifier.verify(client, planDir, journal.xids(), journal.failed());
                VerifyCommand.writeAndPrint(out, planDir, journal, v);
                if (rollback) {
                    Rollback.Plan rb = Rollback.plan(client, journal);
                    rb.actions().forEach(a -> out.println("  rollback: " + a.describe()));
                    Rollback.apply(client, journal, rb);
                    out.println("rolled back " + rb.actions().size() + " action(s)");
                }
                out.println("run folder: " + o.runDir());
                out.flush();
                int code = PlanLoad.exitCode(o);
                return code != 0 ? code : v.differences() == 0 ? Main.OK : Main.LOAD_FAILED;
            }
        }
    }
}
