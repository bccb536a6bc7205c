package dev.ferry.run;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
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

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fixture plans compiled once per Odoo version per test JVM, plus sandbox and client set-up for writer tests. */
final class Plans {
    static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Map<String, Path> COMPILED = new ConcurrentHashMap<>();

    private Plans() {
    }

    /** The compiled ASPEC basic plan for {@code version}; read-only, shared by tests. */
    static Path aspec(String version) {
        return compiled("aspec/basic", version);
    }

    /** The compiled Ascora basic plan for {@code version}; read-only, shared by tests. */
    static Path ascora(String version) {
        return compiled("ascora/basic", version);
    }

    /** A fixture case ({@code <platform>/<case>}) compiled once per Odoo version per test JVM. */
    static Path compiled(String fixture, String version) {
        return COMPILED.computeIfAbsent(fixture + "@" + version, key -> {
            CaseFile c = CaseFile.load(ROOT.resolve("fixtures/" + fixture + "/case.yaml"), "fixtures/" + fixture + "/case.yaml");
            Path out = ROOT.resolve("target/run-test-plans/" + fixture.replace('/', '-') + "-" + version);
            CompileResult r = new PlanCompiler(new CompileOptions(ROOT, c.platform(), c.pair(), version, c.exportDir(),
                    c.users(), c.options(), 500, out, c.apps())).compile();
            if (!r.written()) {
                throw new IllegalStateException("fixture plan did not compile: " + r.findings());
            }
            return out;
        });
    }

    /**
     * A plan compiled from a generated ASPEC export of {@code records} source records (see AspecExportGenerator)
     * with the fixture's users; read-only, shared by tests. 1,200 records give 540 res.partner rows, more than one
     * batch of 500.
     */
    static Path generated(int records, String version) {
        return COMPILED.computeIfAbsent("generated-" + records + "-" + version, k -> {
            Path export = ROOT.resolve("target/run-test-plans/export-" + records);
            try {
                if (!java.nio.file.Files.exists(export.resolve("interactions.csv"))) {
                    dev.ferry.bench.AspecExportGenerator.generate(export, records);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Path out = ROOT.resolve("target/run-test-plans/" + k);
            CompileResult r = new PlanCompiler(new CompileOptions(ROOT, "aspec", "aspec-to-odoo-crm", version, export,
                    TargetUsers.FIXTURE, Map.of("timezone", "America/Toronto"), 500, out)).compile();
            if (!r.written()) {
                throw new IllegalStateException("generated plan did not compile: " + r.findings());
            }
            return out;
        });
    }

    /** A sandbox for a plan, playing {@code serverCatalog}, with every user of the fixture's users file. */
    static OdooSandbox sandboxWithFixtureUsers(Path planDir, OdooCatalog serverCatalog) {
        return SandboxTarget.start(serverCatalog, PlanReader.read(planDir), planDir);
    }

    static OdooCatalog catalog(String version) {
        return OdooCatalog.load(ROOT.resolve("catalogs/odoo/" + version));
    }

    static OdooSandbox sandbox(Path planDir) {
        Plan plan = PlanReader.read(planDir);
        return SandboxTarget.start(catalog(plan.odooVersion()), plan, planDir);
    }

    static OdooClient client(OdooSandbox odoo) {
        boolean json2 = odoo.version().startsWith("19");
        Secret secret = Secret.of((json2 ? odoo.apiKey() : odoo.password()).toCharArray());
        return OdooClient.connect(new OdooServer(odoo.url(), odoo.database()), new Credentials(odoo.login(), secret),
                ClientOptions.defaults().withProtocol(json2 ? Protocol.JSON_2 : Protocol.XML_RPC));
    }

    static PlanLoad.Target target(OdooSandbox odoo, OdooClient client) {
        return new PlanLoad.Target(client, odoo.url(), odoo.database(), true);
    }

    /** A copy of a plan folder, to change in a test without touching the compiled original. */
    static Path copy(Path from, Path to) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(t);
                } else {
                    java.nio.file.Files.copy(f, t);
                }
            }
        }
        return to;
    }
}
