package dev.ferry.odoo;

import java.util.List;

/**
 * What {@link PlanExecutor#execute} did.
 *
 * @param status  the worst batch status: DONE, FAILED (rows refused or a call failed; state consistent) or
 *                UNKNOWN (a reply was lost; resume or verify before anything else)
 * @param steps   per step, in plan order
 * @param message why the run stopped early, or null
 */
public record LoadReport(StepStatus status, List<StepReport> steps, String message) {

    /**
     * @param records records of the step this run handled
     * @param created records created
     * @param updated records that existed and were updated
     * @param unchanged records that existed and already held what the plan says, so nothing was written
     * @param failed  records Odoo refused
     * @param skipped records of batches an earlier attempt had finished (resume)
     */
    public record StepReport(String stepId, String model, StepStatus status, int records, int created, int updated,
                             int unchanged, int failed, int skipped) {
    }

    public int failedRows() {
        return steps.stream().mapToInt(StepReport::failed).sum();
    }
}
