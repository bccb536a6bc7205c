package dev.ferry.cli;

import dev.ferry.finding.Severity;
import dev.ferry.plan.CaseFile;
import dev.ferry.plan.CompileOptions;
import dev.ferry.plan.CompileResult;
import dev.ferry.plan.PlanCompiler;
import dev.ferry.plan.PlanStep;
import dev.ferry.report.FindingsRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code ferry compile}: export + catalogs + rules → a plan folder, offline. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile an export folder into a validated, ordered load plan (no Odoo server needed).")
final class CompileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPORT",
            description = "The export folder (omit with --case, which names its own export/).")
    Path export;

    @Option(names = "--case", paramLabel = "FILE", description = "A fixture case.yaml giving platform, pair, Odoo versions, users and options.")
    Path caseFile;

    @Option(names = "--platform", paramLabel = "ID", description = "Source platform, e.g. aspec (selects catalogs/sources/ID.yaml).")
    String platform;

    @Option(names = "--pair", paramLabel = "NAME", description = "Rules folder under rules/ (default: the one folder named PLATFORM-to-odoo-*).")
    String pair;

    @Option(names = "--odoo", paramLabel = "VERSION", description = "Target Odoo version (default: the newest catalog under catalogs/odoo/).")
    String odoo;

    @Option(names = "--users", paramLabel = "FILE", description = "The target's users as CSV id,login,email,name, for owner resolution.")
    Path users;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A rule option, e.g. fallback-owner=admin@example.com (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500", description = "Rows per Odoo load call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Plan folder to write (default: plans/PLATFORM-ODOO).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path home = common.home();
        Map<String, String> opts = new LinkedHashMap<>();
        java.util.Set<String> apps = null;
        if (caseFile != null) {
            CaseFile c = CaseFile.load(caseFile, caseFile.toString());
            apps = c.apps();
            platform = platform == null ? c.platform() : platform;
            pair = pair == null ? c.pair() : pair;
            odoo = odoo == null && !c.versions().isEmpty() ? c.versions().get(0) : odoo;
            users = users == null ? c.users() : users;
            export = export == null ? c.exportDir() : export;
            opts.putAll(c.options());
        }
        opts.putAll(options);
        if (export == null || !Files.isDirectory(export)) {
            throw new CliException(Main.USAGE, "export folder " + (export == null ? "missing" : "'" + export + "' does not exist")
                    + "; give EXPORT or --case");
        }
        if (platform == null) {
            throw new CliException(Main.USAGE, "--platform is required (one of " + String.join(", ", platforms(home)) + ")");
        }
        if (!Files.isRegularFile(home.resolve("catalogs/sources/" + platform + ".yaml"))) {
            throw new CliException(Main.BAD_INPUT, "no source catalog catalogs/sources/" + platform
                    + ".yaml; known platforms: " + String.join(", ", platforms(home)));
        }
        pair = pair == null ? defaultPair(home, platform) : pair;
        odoo = odoo == null ? newestCatalog(home) : odoo;
        if (!Files.isDirectory(home.resolve("catalogs/odoo/" + odoo))) {
            throw new CliException(Main.BAD_INPUT, "no target catalog catalogs/odoo/" + odoo
                    + "; create one with `ferry catalog import <fields_get dumps>`");
        }
        Path planDir = out != null ? out : home.resolve("plans/" + platform + "-" + odoo);
        CompileOptions co = new CompileOptions(home, platform, pair, odoo, export, users, opts, batchSize, planDir, apps);
        CompileResult r = new PlanCompiler(co).compile();
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String summary = FindingsRenderer.render(r.findings(), r.written() ? Severity.WARNING : Severity.WARNING,
                r.written() ? o : err);
        if (!r.written()) {
            err.println("no plan written; findings are in " + planDir.resolve("findings.csv"));
            err.flush();
            return Main.BAD_INPUT;
        }
        o.printf("compiled %d records of %s for Odoo %s in %.1f s: %d steps%n", r.records(), platform, odoo,
                r.nanos() / 1e9, r.plan().steps().size());
        for (PlanStep s : r.plan().steps()) {
            o.printf("  %-40s %6d%n", s.id(), s.rows());
        }
        o.println("plan written to " + planDir + " (" + summary + ")");
        o.flush();
        return Main.OK;
    }

    static List<String> platforms(Path home) throws IOException {
        Path dir = home.resolve("catalogs/sources");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
    }

    static String defaultPair(Path home, String platform) throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("rules"))) {
            List<String> pairs = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(platform + "-to-odoo-")).sorted().toList();
            if (pairs.size() != 1) {
                throw new CliException(Main.USAGE, "give --pair: rules/ has " + (pairs.isEmpty() ? "no folder"
                        : String.join(", ", pairs)) + " for platform " + platform);
            }
            return pairs.get(0);
        }
    }

    static String newestCatalog(Path home) throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("catalogs/odoo"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .max((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
                    .orElseThrow(() -> new CliException(Main.BAD_INPUT, "no catalog under catalogs/odoo/"));
        }
    }
}
