package dev.ferry.odoo;

import java.util.Map;
import java.util.Set;

/**
 * How the {@link PlanExecutor} runs a plan.
 *
 * @param batchSize records per {@code load} call; 0 takes the plan's {@code batch-size}
 * @param onError   what a batch with refused rows does to the run
 * @param only      external ids to load (a sample), or null for every record
 * @param prior     what an earlier attempt of this run did (resume), or null for a fresh run
 */
public record LoadOptions(int batchSize, OnError onError, Set<String> only, PriorRun prior) {

    /** After a batch with refused rows: stop once its good rows landed, or go on with the next batch. */
    public enum OnError { STOP, CONTINUE }

    public static LoadOptions defaults() {
        return new LoadOptions(0, OnError.STOP, null, null);
    }

    public LoadOptions withPrior(PriorRun p) {
        return new LoadOptions(batchSize, onError, only, p);
    }

    /** The earlier attempt of a run, as its journal tells it; implemented by the run journal's reader. */
    public interface PriorRun {
        /** The last status the journal holds for a batch; PENDING when it never started. */
        StepStatus status(String stepId, int batch);

        /**
         * External ids of a batch that existed before its first attempt, with their database ids; null when the
         * batch never started. A re-sent batch classifies what it created by this, not by what exists now.
         */
        Map<String, Long> existingBefore(String stepId, int batch);

        /** The side-effect baseline the run started with; null when its journal has none. */
        Map<String, Long> sideBaseline();
    }
}
