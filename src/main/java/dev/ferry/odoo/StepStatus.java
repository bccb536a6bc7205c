package dev.ferry.odoo;

/**
 * Status of a batch, step or run, ordered so that a step or run takes the maximum of its parts (as Spring
 * Batch's BatchStatus): {@code DONE < PENDING < RUNNING < FAILED < UNKNOWN}. UNKNOWN means the request was
 * sent and its answer lost: resume reads the external ids back before anything else, never re-sends blindly.
 */
public enum StepStatus {
    DONE, PENDING, RUNNING, FAILED, UNKNOWN;

    /** The worse of two statuses. */
    public StepStatus max(StepStatus other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
