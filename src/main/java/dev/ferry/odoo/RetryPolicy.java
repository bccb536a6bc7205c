package dev.ferry.odoo;

import java.time.Duration;

/**
 * How often a call is re-sent after a transient transport failure, with exponential backoff. Applies only
 * where re-sending is safe: the request never reached the server (connection refused, connect timeout,
 * HTTP 503), or the call only reads. Odoo faults are never retried.
 *
 * @param maxAttempts  attempts in all, at least 1 (1 = no retry)
 * @param initialDelay wait before the second attempt
 * @param maxDelay     cap on any single wait
 * @param multiplier   growth of the wait per attempt, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts is " + maxAttempts + "; expected at least 1");
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("retry multiplier is " + multiplier + "; expected at least 1");
        }
    }

    /** Four attempts, waiting 0.5 s, 1 s, 2 s (capped at 8 s). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);
    }

    /** The wait before attempt {@code attempt} (2-based: the first retry is attempt 2). */
    public Duration delayBefore(int attempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
