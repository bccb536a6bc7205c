package dev.ferry.run;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.catalog.OdooField;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.LoadReport;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.PlanExecutor;
import dev.ferry.odoo.StepStatus;
import dev.ferry.odoo.StepTable;
import dev.ferry.plan.CaseFile;
import dev.ferry.plan.CompileOptions;
import dev.ferry.plan.CompileResult;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanCompiler;
import dev.ferry.plan.PlanReader;
import dev.ferry.plan.PlanStep;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's round trip against one database, shared by {@link RealOdooIT} and its sandbox twin
 * ({@link SandboxRoundTripTest}) so the twin proves the very scenario the real-Odoo test runs: compile the ASPEC
 * fixture for the server's version with the server's own users (owners the server lacks go to the logged-in user
 * through {@code fallback-owner}), count the records of every model the plan writes, load, verify, roll back,
 * and compare the counts.
 */
final class RoundTrip {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path CASE = ROOT.resolve("fixtures/aspec/basic/case.yaml");
    static final Path ASCORA = ROOT.resolve("fixtures/ascora/basic/case.yaml");

    /** Every fixture case meant to load: those with a golden plan (refusal cases have only findings). */
    static List<Path> loadableCases() {
        try (var files = Files.walk(ROOT.resolve("fixtures"), 3)) {
            return files.filter(p -> p.getFileName().toString().equals("case.yaml")).sorted()
                    .filter(p -> {
                        try (var expected = Files.list(p.resolveSibling("expected"))) {
                            return expected.anyMatch(v -> Files.isRegularFile(v.resolve("plan.yaml")));
                        } catch (IOException e) {
                            return false;
                        }
                    }).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The case's name for test names and plan folders, e.g. {@code ascora/no-maintenance}. */
    static String caseName(Path caseFile) {
        return ROOT.resolve("fixtures").relativize(caseFile.getParent()).toString();
    }

    private final Path caseFile;
    private final OdooClient client;
    private final URI url;
    private final String database;
    private final boolean sandbox;
    private final Path work;

    RoundTrip(OdooClient client, URI url, String database, boolean sandbox, Path work) {
        this(CASE, client, url, database, sandbox, work);
    }

    RoundTrip(Path caseFile, OdooClient client, URI url, String database, boolean sandbox, Path work) {
        this.caseFile = caseFile;
        this.client = client;
        this.url = url;
        this.database = database;
        this.sandbox = sandbox;
        this.work = work;
    }

    OdooClient client() {
        return client;
    }

    /** The server's version as the catalogs name it, e.g. {@code 17.0}. */
    String serie() {
        String s = client.version().serverSerie();
        return s != null && s.matches("\\d+\\.\\d+") ? s : client.version().major() + ".0";
    }

    /**
     * Compiles the case's fixture for {@code version} with the case's options, the server's users, the logged-in
     * user as fallback owner and the server's installed modules, into {@code work/plan-<name>}.
     */
    Path compile(String version, String name) {
        CaseFile c = CaseFile.load(caseFile, ROOT.relativize(caseFile).toString());
        Map<String, String> options = new LinkedHashMap<>(c.options());
        options.put("fallback-owner", TargetUsers.login(client));
        Path out = work.resolve("plan-" + name);
        CompileResult r = new PlanCompiler(new CompileOptions(ROOT, c.platform(), c.pair(), version, c.exportDir(),
                TargetUsers.writeServerUsers(client, work.resolve("server-users.csv")), options, 500, out,
                modules(c))).compile();
        assertThat(r.written()).as("the %s fixture compiles for Odoo %s: %s", c.platform(), version, r.findings().stream()
                .filter(f -> f.isError()).limit(10).toList()).isTrue();
        assertThat(client.search("res.users", List.of(List.of("id", "in", List.copyOf(userIds(out))))))
                .as("every user the plan assigns records to exists on the server")
                .containsExactlyInAnyOrderElementsOf(userIds(out));
        return out;
    }

    /**
     * The modules the rules see: the case's own list (a case may compile for fewer apps than the server has, e.g.
     * without Maintenance, and such a plan still loads), else the server's installed modules. A case that needs a
     * module a real server lacks (a localisation) cannot be loaded there: the test is skipped, saying which.
     */
    Set<String> modules(CaseFile c) {
        Set<String> installed = installedModules();
        if (c.apps() == null) {
            return installed;
        }
        if (sandbox) {
            return c.apps(); // the sandbox seeds no module list worth checking against
        }
        Set<String> missing = new java.util.TreeSet<>(c.apps());
        missing.removeAll(installed);
        org.junit.jupiter.api.Assumptions.assumeTrue(missing.isEmpty(), () -> ROOT.relativize(caseFile) + " needs modules"
                + " this server does not have: " + missing);
        return c.apps();
    }

    /** The server's installed modules, which decide what the rules emit (e.g. equipment without Maintenance). */
    Set<String> installedModules() {
        Set<String> out = new java.util.TreeSet<>();
        for (Map<String, Object> m : client.searchRead("ir.module.module", List.of(List.of("state", "=", "installed")),
                List.of("name"))) {
            out.add(String.valueOf(m.get("name")));
        }
        return out;
    }

    /** Database ids of res.users the plan's {@code field/.id} columns name. */
    static Set<Long> userIds(Path planDir) {
        Plan plan = PlanReader.read(planDir);
        OdooCatalog catalog = catalog(plan.odooVersion());
        Set<Long> out = new java.util.TreeSet<>();
        for (PlanStep s : plan.steps()) {
            if (s instanceof PlanStep.CallStep || catalog.model(s.model()) == null) {
                continue;
            }
            StepTable t = StepTable.read(planDir.resolve(s.file()));
            for (int c = 0; c < t.header().size(); c++) {
                String h = t.header().get(c);
                OdooField f = h.endsWith("/.id") ? catalog.model(s.model()).field(h.substring(0, h.length() - 4)) : null;
                if (f == null || !"res.users".equals(f.relation())) {
                    continue;
                }
                for (StepTable.Record r : t.records()) {
                    if (!r.main().get(c).isBlank()) {
                        out.add(Long.parseLong(r.main().get(c).strip()));
                    }
                }
            }
        }
        return out;
    }

    static OdooCatalog catalog(String version) {
        Path dir = ROOT.resolve("catalogs/odoo/" + version);
        assertThat(dir).as("a target catalog for the server's version " + version).isDirectory();
        return OdooCatalog.load(dir);
    }

    /** The models a plan writes, in step order. */
    static List<String> models(Path planDir) {
        Set<String> out = new LinkedHashSet<>();
        for (PlanStep s : PlanReader.read(planDir).steps()) {
            if (!(s instanceof PlanStep.CallStep)) {
                out.add(s.model());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Records per model, archived ones included ({@code active_test: false}): the models the plan writes and those
     * where Odoo makes records of its own while it loads ({@link PlanExecutor#SIDE_MODELS}), where the server has them.
     */
    Map<String, Long> counts(Path planDir) {
        Map<String, Long> out = new TreeMap<>();
        Set<String> models = new LinkedHashSet<>(models(planDir));
        for (Map<String, Object> m : client.searchRead("ir.model", List.of(List.of("model", "in", PlanExecutor.SIDE_MODELS)),
                List.of("model"))) {
            models.add(String.valueOf(m.get("model")));
        }
        for (String model : models) {
            Object n = client.execute(model, "search_count", List.of(List.of()), Map.of("context", Map.of("active_test", false)));
            assertThat(n).as(model + ".search_count").isInstanceOf(Long.class);
            out.put(model, (Long) n);
        }
        return out;
    }

    PlanLoad.Outcome load(Path planDir, LoadOptions.OnError onError) {
        Plan plan = PlanReader.read(planDir);
        return PlanLoad.load(planDir, catalog(plan.odooVersion()), new PlanLoad.Target(client, url, database, sandbox),
                new LoadOptions(0, onError, null, null), 0, work.resolve("runs"), null, List.of(), Clock.systemUTC());
    }

    /** Every record of the plan read back and compared. */
    Verifier.Result verify(Path planDir) {
        return Verifier.verify(client, planDir, null, Map.of());
    }

    void rollBack(PlanLoad.Outcome o) {
        rollBack(o.runDir());
    }

    void rollBack(Path runDir) {
        RunJournal journal = RunJournal.read(runDir);
        Rollback.Plan rb = Rollback.plan(client, journal);
        assertThat(rb.irreversible()).as("the ASPEC plan has no call steps").isEmpty();
        Rollback.apply(client, journal, rb);
    }

    /** Records created per model: the executor's report, plus what the journal says Odoo made alongside. */
    static Map<String, Long> created(PlanLoad.Outcome o) {
        Map<String, Long> out = new TreeMap<>();
        for (LoadReport.StepReport s : o.report().steps()) {
            out.merge(s.model(), (long) s.created(), Long::sum);
        }
        RunJournal.read(o.runDir()).sideRecords().forEach((model, ids) -> out.merge(model, (long) ids.size(), Long::sum));
        return out;
    }

    static Map<String, Long> plus(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, Long::sum));
        return out;
    }

    static String describe(PlanLoad.Outcome o) {
        if (o.blocked()) {
            return "preflight blocked:\n" + o.preflight().findings().stream().map(Object::toString).collect(Collectors.joining("\n"));
        }
        StringBuilder b = new StringBuilder(o.report().toString());
        Path failed = o.runDir().resolve("failed");
        if (Files.isDirectory(failed)) {
            try (var files = Files.list(failed)) {
                for (Path f : files.sorted().toList()) {
                    b.append('\n').append(f.getFileName()).append(":\n").append(Files.readString(f, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                b.append("\n(cannot read ").append(failed).append(": ").append(e.getMessage()).append(')');
            }
        }
        return b.toString();
    }

    static String describe(Verifier.Result v) {
        return v.records().stream().filter(r -> r.status() != Verifier.Status.COMPLETE)
                .map(r -> r.model() + " " + r.xid() + " " + r.status() + " " + r.diffs() + (r.note() == null ? "" : " " + r.note()))
                .limit(25).collect(Collectors.joining("\n"));
    }

    /**
     * Load, verify (0 missing, 0 drifted), roll back; the counts of every model the plan writes are back where
     * they were. The rollback runs even when an assertion before it fails, so a real database is left clean.
     *
     * @return the verify result, for callers that want to assert more
     */
    Verifier.Result loadVerifyRollBack(Path plan) {
        Map<String, Long> before = counts(plan);
        PlanLoad.Outcome o = load(plan, LoadOptions.OnError.STOP);
        Verifier.Result[] v = new Verifier.Result[1];
        rollingBackAfter(o.runDir() == null ? List.of() : List.of(o), () -> {
            assertThat(o.blocked()).as(describe(o)).isFalse();
            assertThat(o.report().status()).as(describe(o)).isEqualTo(StepStatus.DONE);
            assertThat(o.report().failedRows()).isZero();
            assertThat(counts(plan)).as("records per model after the load: before + what the journal says was created")
                    .isEqualTo(plus(before, created(o)));
            v[0] = verify(plan);
            assertThat(v[0].count(Verifier.Status.MISSING)).as(describe(v[0])).isZero();
            assertThat(v[0].count(Verifier.Status.DRIFTED)).as(describe(v[0])).isZero();
            assertThat(v[0].differences()).as(describe(v[0])).isZero();
        });
        assertThat(counts(plan)).as("records per model after the rollback").isEqualTo(before);
        return v[0];
    }

    /**
     * Runs {@code body}, then rolls the runs back, last first, whether the body passed or not; a failing rollback
     * does not hide the body's failure (it is added as suppressed).
     */
    void rollingBackAfter(List<PlanLoad.Outcome> runs, Runnable body) {
        Throwable failure = null;
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int i = runs.size() - 1; i >= 0; i--) {
            try {
                rollBack(runs.get(i));
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * Loads twice: the second load creates nothing (everything is updated, or refused only where the plan's known
     * ownerless activity clears a required field), verify still finds no difference; then rolls back the second
     * run and the first, in that order, and the counts are back.
     */
    void loadTwiceThenRollBackBoth(Path plan) {
        Map<String, Long> before = counts(plan);
        List<PlanLoad.Outcome> runs = new ArrayList<>();
        rollingBackAfter(runs, () -> {
            PlanLoad.Outcome first = load(plan, LoadOptions.OnError.STOP);
            if (first.runDir() != null) {
                runs.add(first);
            }
            assertThat(first.report()).as(describe(first)).isNotNull();
            assertThat(first.report().status()).as(describe(first)).isEqualTo(StepStatus.DONE);
            Map<String, Long> afterFirst = counts(plan);

            PlanLoad.Outcome second = load(plan, LoadOptions.OnError.CONTINUE);
            if (second.runDir() != null) {
                runs.add(second);
            }
            assertThat(second.report()).as(describe(second)).isNotNull();
            assertThat(second.report().steps()).as(describe(second)).allSatisfy(s -> assertThat(s.created()).isZero());
            // A call step's records are not called again: its precondition no longer matches them.
            List<LoadReport.StepReport> loads = second.report().steps().stream().filter(s -> !s.stepId().contains("-call-")).toList();
            int records = loads.stream().mapToInt(LoadReport.StepReport::records).sum();
            int updated = loads.stream().mapToInt(s -> s.updated() + s.unchanged()).sum();
            Map<String, String> refused = RunJournal.read(second.runDir()).failed();
            assertThat(refused).as(describe(second)).isEmpty();
            assertThat(updated).as(describe(second)).isEqualTo(records);
            assertThat(counts(plan)).as("the second load adds no record").isEqualTo(afterFirst);

            Verifier.Result v = verify(plan);
            assertThat(v.differences()).as(describe(v)).isZero();
        });
        assertThat(counts(plan)).as("records per model after rolling back both runs").isEqualTo(before);
    }
}
