package dev.ferry.odoo;

import java.util.List;
import java.util.Map;

/**
 * Hears what the {@link PlanExecutor} does, batch by batch; the run journal implements it (so {@code odoo} never
 * depends on {@code run}), and so do progress displays. Methods are called on the executor's thread, in order.
 */
public interface BatchListener {

    /** A step starts; {@code records} is how many of its records this run will send. */
    default void stepStarted(String stepId, String model, int records, int batches) {
    }

    /**
     * A batch is about to be sent (status RUNNING): everything rollback needs is known now, before the call.
     *
     * @param existing  external ids of the batch that already exist → their database ids (they will be updated)
     * @param oldValues for each existing external id, the current values of the fields about to be written
     */
    default void batchSending(Batch batch, Map<String, Long> existing, Map<String, Map<String, Object>> oldValues) {
    }

    /** A batch ended: DONE, FAILED (some rows refused, the others landed) or UNKNOWN (reply lost). */
    default void batchEnded(BatchOutcome outcome) {
    }

    /** Rows Odoo refused, with its message, for the failed-rows file. */
    default void rowsFailed(String stepId, List<String> header, List<FailedRow> rows) {
    }

    /** Records of a step done so far, for progress displays. */
    default void progress(String stepId, int recordsDone, int recordsTotal) {
    }

    default void stepEnded(String stepId, StepStatus status) {
    }

    /**
     * Before a run's first batch: the highest id of each model where Odoo makes records of its own while a plan
     * loads (chatter, followers, tracking, the fields a custom field gets on inheriting models, external ids of
     * one2many lines); what lies above it afterwards is the run's side effects.
     */
    default void sideBaseline(Map<String, Long> maxIds) {
    }

    /** After a run's last batch: ids above the baseline, made by the run's user, per side-effect model. */
    default void sideRecords(Map<String, List<Long>> ids) {
    }

    /**
     * A batch of one step.
     *
     * @param stepId step id
     * @param model  Odoo model
     * @param number 1-based batch number in the step
     * @param of     batches in the step
     * @param xids   external ids of the batch's records, in order
     * @param call   true for a call step's batch (a method call, not a load)
     */
    record Batch(String stepId, String model, int number, int of, List<String> xids, boolean call) {
    }

    /**
     * How a batch ended.
     *
     * @param ids      external id → database id of every record that landed
     * @param created  external ids created by this batch
     * @param updated  external ids that existed before and were updated
     * @param failed   external id → Odoo's message for the records it refused
     * @param readBack true when the outcome was established by reading the external ids back (resume)
     * @param message  for UNKNOWN or a failed call, what happened; else null
     */
    record BatchOutcome(Batch batch, StepStatus status, Map<String, Long> ids, List<String> created,
                        List<String> updated, Map<String, String> failed, boolean readBack, String message) {
    }

    /**
     * A refused record with its continuation rows.
     *
     * @param xid     external id
     * @param rows    the rows as in the plan
     * @param message Odoo's message
     */
    record FailedRow(String xid, List<List<String>> rows, String message) {
    }

    /** Calls each listener in turn. */
    static BatchListener all(List<BatchListener> listeners) {
        return new BatchListener() {
            public void stepStarted(String s, String m, int r, int b) {
                listeners.forEach(l -> l.stepStarted(s, m, r, b));
            }

            public void batchSending(Batch b, Map<String, Long> e, Map<String, Map<String, Object>> o) {
                listeners.forEach(l -> l.batchSending(b, e, o));
            }

            public void batchEnded(BatchOutcome o) {
                listeners.forEach(l -> l.batchEnded(o));
            }

            public void rowsFailed(String s, List<String> h, List<FailedRow> r) {
                listeners.forEach(l -> l.rowsFailed(s, h, r));
            }

            public void progress(String s, int d, int t) {
                listeners.forEach(l -> l.progress(s, d, t));
            }

            public void stepEnded(String s, StepStatus st) {
                listeners.forEach(l -> l.stepEnded(s, st));
            }

            public void sideBaseline(Map<String, Long> m) {
                listeners.forEach(l -> l.sideBaseline(m));
            }

            public void sideRecords(Map<String, List<Long>> ids) {
                listeners.forEach(l -> l.sideRecords(ids));
            }
        };
    }
}
