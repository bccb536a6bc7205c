package dev.ferry.odoo.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Scripted misbehaviour for writer tests: fail a given call with a fault, run it but drop the reply, answer an
 * HTTP status instead (e.g. 503), delay replies, or refuse connections for a while. Rules fire once each.
 */
public final class FaultInjector {
    /** What to do to a call. */
    sealed interface Action permits Fail, Drop, Status, Delay {
    }

    record Fail(SandboxFault fault) implements Action {
    }

    record Drop() implements Action {
    }

    record Status(int httpStatus) implements Action {
    }

    record Delay(Duration delay) implements Action {
    }

    private static final class Rule {
        final CallMatcher when;
        final Action action;
        int seen;
        boolean fired;

        Rule(CallMatcher when, Action action) {
            this.when = when;
            this.action = action;
        }
    }

    /** What the server does with one call: at most one of fail/drop/status, plus a delay. */
    record Decision(Action action, Duration delay) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Consumer<Duration> refuser;
    private Duration allDelay = Duration.ZERO;

    FaultInjector(Consumer<Duration> refuser) {
        this.refuser = refuser;
    }

    /** Answers the matching call with {@code fault} without running it. */
    public synchronized FaultInjector failCall(CallMatcher when, SandboxFault fault) {
        rules.add(new Rule(when, new Fail(fault)));
        return this;
    }

    /** Runs the matching call (committing it if it succeeds) and closes the connection without replying. */
    public synchronized FaultInjector dropReply(CallMatcher when) {
        rules.add(new Rule(when, new Drop()));
        return this;
    }

    /** Answers the matching call with a bare HTTP status (e.g. 502, 503, 504) without running it. */
    public synchronized FaultInjector answerStatus(CallMatcher when, int httpStatus) {
        rules.add(new Rule(when, new Status(httpStatus)));
        return this;
    }

    /** Runs the matching call, then waits before replying. */
    public synchronized FaultInjector delayReply(CallMatcher when, Duration delay) {
        rules.add(new Rule(when, new Delay(delay)));
        return this;
    }

    /** Waits this long before every reply from now on (Duration.ZERO to stop). */
    public synchronized FaultInjector delayAllReplies(Duration delay) {
        allDelay = delay;
        return this;
    }

    /** Closes the listening socket now and opens it again on the same port after {@code duration}. */
    public FaultInjector refuseConnectionsFor(Duration duration) {
        refuser.accept(duration);
        return this;
    }

    /** Forgets every rule and delay. */
    public synchronized void clear() {
        rules.clear();
        allDelay = Duration.ZERO;
    }

    synchronized Decision decide(String model, String method) {
        Action action = null;
        Duration delay = allDelay;
        for (Rule r : rules) {
            if (r.fired || !r.when.matches(model, method)) {
                continue;
            }
            r.seen++;
            if (r.seen == r.when.occurrence()) {
                r.fired = true;
                if (r.action instanceof Delay d) {
                    delay = delay.plus(d.delay());
                } else if (action == null) {
                    action = r.action;
                }
            }
        }
        return new Decision(action, delay);
    }
}
