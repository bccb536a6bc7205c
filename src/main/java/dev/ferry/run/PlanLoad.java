package dev.ferry.run;

import dev.ferry.catalog.OdooCatalog;
import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.FindingsException;
import dev.ferry.finding.Origin;
import dev.ferry.odoo.BatchListener;
import dev.ferry.odoo.LoadOptions;
import dev.ferry.odoo.LoadReport;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.PlanExecutor;
import dev.ferry.odoo.Preflight;
import dev.ferry.odoo.StepStatus;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanReader;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One load of a plan into one database, start to end: preflight (nothing written when it blocks), then the
 * executor with the journal and failed-rows file listening; or the resume of an earlier run from its journal.
 */
public final class PlanLoad {
    private PlanLoad() {
    }

    /**
     * Where and how to load.
     *
     * @param url      the server URL (only its host and port go into the journal)
     * @param sandbox  whether the target is Ferry's embedded sandbox
     * @param sample   records per load step for a sample run, 0 for all
     * @param listeners extra listeners, e.g. a progress display
     */
    public record Target(OdooClient client, URI url, String database, boolean sandbox) {
    }

    /**
     * What happened.
     *
     * @param runId     null when the preflight blocked (no run was started)
     * @param preflight the preflight's findings
     * @param report    the executor's report, null when the preflight blocked
     */
    public record Outcome(String runId, Path runDir, Preflight.Result preflight, LoadReport report) {
        public boolean blocked() {
            return report == null;
        }
    }

    /** Host and port of a URL, never user info or path. */
    public static String host(URI url) {
        return url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost();
    }

    public static Outcome load(Path planDir, OdooCatalog catalog, Target target, LoadOptions options, int sample,
                               Path runsDir, String runId, List<BatchListener> listeners, Clock clock) {
        Plan plan = PlanReader.read(planDir);
        Preflight.Result pre = Preflight.check(target.client(), plan, planDir, catalog);
        if (pre.blocking()) {
            return new Outcome(null, null, pre, null);
        }
        Set<String> only = sample > 0 ? Sampler.sample(plan, planDir, sample) : options.only();
        LoadOptions opts = new LoadOptions(options.batchSize(), options.onError(), only, null);
        String id = runId != null ? runId : RunId.next(clock);
        Path runDir = runsDir.resolve(id);
        try (Journal journal = Journal.open(runDir, clock)) {
            PlanExecutor ex = new PlanExecutor(target.client(), plan, planDir, opts, listeners(journal, runDir, planDir, listeners), catalog.methods());
            journal.runStarted(new RunInfo(id, planDir.toAbsolutePath().normalize().toString(), plan.digest(),
                    host(target.url()), target.database(), pre.version().serverSerie(), target.client().protocol().name(),
                    target.sandbox(), ex.batchSize(), options.onError().name().toLowerCase(java.util.Locale.ROOT), sample));
            LoadReport report = ex.execute();
            journal.runEnded(report.status(), report.message());
            return new Outcome(id, runDir, pre, report);
        }
    }

    /**
     * What a load would do, writing nothing: the preflight, then per step how many records exist already (and
     * would be updated) and how many would be created.
     *
     * @param preflight the preflight's findings; when it blocks, {@code steps} is empty
     */
    public record Preview(Preflight.Result preflight, List<StepPreview> steps) {
    }

    /** One step of a {@link Preview}; for a call step {@code existing} counts the records the method would run on. */
    public record StepPreview(String stepId, String kind, String model, int records, int existing) {
    }

    public static Preview preview(Path planDir, OdooCatalog catalog, Target target, int sample) {
        Plan plan = PlanReader.read(planDir);
        Preflight.Result pre = Preflight.check(target.client(), plan, planDir, catalog);
        if (pre.blocking()) {
            return new Preview(pre, List.of());
        }
        Set<String> only = sample > 0 ? Sampler.sample(plan, planDir, sample) : null;
        PlanExecutor ex = new PlanExecutor(target.client(), plan, planDir, new LoadOptions(0, LoadOptions.OnError.STOP, only, null), null, catalog.methods());
        List<StepPreview> steps = new ArrayList<>();
        for (dev.ferry.plan.PlanStep step : plan.steps()) {
            int records = 0;
            int existing = 0;
            for (List<dev.ferry.odoo.StepTable.Record> batch : ex.batches(step, ex.table(step))) {
                records += batch.size();
                existing += target.client().lookupExternalIds(batch.stream().map(dev.ferry.odoo.StepTable.Record::xid).toList()).size();
            }
            steps.add(new StepPreview(step.id(), step.kind().word(), step.model(), records, existing));
        }
        return new Preview(pre, List.copyOf(steps));
    }

    /** Continues a run from its journal: DONE batches skipped, RUNNING/UNKNOWN ones read back first. */
    public static Outcome resume(Path runDir, OdooCatalog catalog, Target target, List<BatchListener> listeners, Clock clock) {
        RunJournal prior = RunJournal.read(runDir);
        RunInfo info = prior.info();
        Path planDir = Path.of(info.planDir());
        Plan plan = PlanReader.read(planDir);
        if (!plan.digest().equals(info.planDigest())) {
            throw FindingsException.of(Finding.error(FindingCode.RUN_001, Origin.file(runDir.resolve("journal.jsonl").toString(), 1, 0),
                    plan.digest(), "plan digest " + info.planDigest() + " as the run started with").withHint(
                    "the plan at " + planDir + " changed since the run began; start a new run with `ferry load`"));
        }
        Preflight.Result pre = Preflight.check(target.client(), plan, planDir, catalog);
        if (pre.blocking()) {
            return new Outcome(null, null, pre, null);
        }
        Set<String> only = info.sample() > 0 ? Sampler.sample(plan, planDir, info.sample()) : null;
        LoadOptions opts = new LoadOptions(info.batchSize(), "continue".equals(info.onError())
                ? LoadOptions.OnError.CONTINUE : LoadOptions.OnError.STOP, only, prior);
        try (Journal journal = Journal.open(runDir, clock)) {
            journal.resumed();
            PlanExecutor ex = new PlanExecutor(target.client(), plan, planDir, opts, listeners(journal, runDir, planDir, listeners), catalog.methods());
            LoadReport report = ex.execute();
            journal.runEnded(report.status(), report.message());
            return new Outcome(info.runId(), runDir, pre, report);
        }
    }

    private static BatchListener listeners(Journal journal, Path runDir, Path planDir, List<BatchListener> extra) {
        List<BatchListener> all = new ArrayList<>();
        all.add(journal);
        all.add(new FailedRowsWriter(runDir, Provenance.read(planDir)));
        all.addAll(extra);
        return BatchListener.all(all);
    }

    /** Exit code of STYLE §8 for a load: 0 done, 3 preflight blocked, 4 rows refused (state consistent), 5 unknown. */
    public static int exitCode(Outcome o) {
        if (o.blocked()) {
            return o.preflight().unreachable() ? 4 : 3;
        }
        StepStatus s = o.report().status();
        return s == StepStatus.DONE ? 0 : s == StepStatus.UNKNOWN ? 5 : 4;
    }
}
