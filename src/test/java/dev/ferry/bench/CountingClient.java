package dev.ferry.bench;

import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.ServerVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client that counts and times every model-method call by kind, so a benchmark can tell where a load spends its
 * calls and how much of its wall time is spent waiting for Odoo; it can also record the {@code load} calls made
 * through it, to send the same calls again without the writer around them. The transports implement only
 * {@code execute}; every convenience call of {@link OdooClient} goes through it, so wrapping it sees them all.
 */
final class CountingClient implements OdooClient {
    private final OdooClient delegate;
    private final Map<String, long[]> byCall = new TreeMap<>();
    private List<LoadCall> recording;

    /** One {@code load} call as it went out: import column names, rows of cells, context. */
    record LoadCall(String model, List<String> fields, List<List<String>> rows, Map<String, Object> context) {
    }

    CountingClient(OdooClient delegate) {
        this.delegate = delegate;
    }

    /** Calls and time of one kind. */
    record Tally(String call, long count, long nanos) {
    }

    /** What was counted since the last {@link #reset()}, by {@code model.method}. */
    synchronized Map<String, Tally> snapshot() {
        Map<String, Tally> out = new LinkedHashMap<>();
        byCall.forEach((k, v) -> out.put(k, new Tally(k, v[0], v[1])));
        return out;
    }

    synchronized void reset() {
        byCall.clear();
    }

    /** Starts keeping every {@code load} call from now on. */
    synchronized void record() {
        recording = new ArrayList<>();
    }

    /** The {@code load} calls since {@link #record()}, and stops keeping them. */
    synchronized List<LoadCall> recorded() {
        List<LoadCall> out = recording == null ? List.of() : List.copyOf(recording);
        recording = null;
        return out;
    }

    /** The difference {@code later - earlier}, for the calls made between two snapshots. */
    static Map<String, Tally> minus(Map<String, Tally> later, Map<String, Tally> earlier) {
        Map<String, Tally> out = new LinkedHashMap<>();
        later.forEach((k, t) -> {
            Tally e = earlier.get(k);
            long n = t.count() - (e == null ? 0 : e.count());
            if (n > 0) {
                out.put(k, new Tally(k, n, t.nanos() - (e == null ? 0 : e.nanos())));
            }
        });
        return out;
    }

    static long calls(Map<String, Tally> tallies) {
        return tallies.values().stream().mapToLong(Tally::count).sum();
    }

    static long nanos(Map<String, Tally> tallies) {
        return tallies.values().stream().mapToLong(Tally::nanos).sum();
    }

    /**
     * Calls grouped into the kinds a writer's cost is discussed in: {@code load}, external-id look-ups, reads,
     * {@code fields_get}, {@code default_get}, searches, version and login, and the rest.
     */
    static Map<String, Tally> byKind(Map<String, Tally> tallies) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (String kind : List.of("load", "xid look-up", "read", "fields_get", "default_get", "search", "version/login", "other")) {
            sums.put(kind, new long[2]);
        }
        tallies.forEach((call, t) -> {
            long[] s = sums.get(kind(call));
            s[0] += t.count();
            s[1] += t.nanos();
        });
        Map<String, Tally> out = new LinkedHashMap<>();
        sums.forEach((k, s) -> {
            if (s[0] > 0) {
                out.put(k, new Tally(k, s[0], s[1]));
            }
        });
        return out;
    }

    private static String kind(String call) {
        String method = call.substring(call.lastIndexOf('.') + 1);
        if (call.equals("ir.model.data.search_read")) {
            return "xid look-up";
        }
        return switch (method) {
            case "load", "read", "fields_get", "default_get" -> method;
            case "search", "search_read", "search_count" -> "search";
            case "version", "authenticate" -> "version/login";
            default -> "other";
        };
    }

    /** {@code load 24 · xid look-up 23 · ...}, the kinds in a fixed order. */
    static String describe(Map<String, Tally> tallies) {
        List<String> parts = new ArrayList<>();
        byKind(tallies).forEach((k, t) -> parts.add(k + " " + t.count()));
        return String.join(" · ", parts);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object execute(String model, String method, List<?> args, Map<String, ?> kwargs) {
        synchronized (this) {
            if (recording != null && method.equals("load")) {
                // Copies: the writer may reuse its lists for the next call.
                List<List<String>> rows = new ArrayList<>();
                ((List<? extends List<String>>) args.get(1)).forEach(r -> rows.add(List.copyOf(r)));
                Object ctx = kwargs == null ? null : kwargs.get("context");
                recording.add(new LoadCall(model, List.copyOf((List<String>) args.get(0)), rows,
                        ctx == null ? Map.of() : Map.copyOf((Map<String, Object>) ctx)));
            }
        }
        long start = System.nanoTime();
        try {
            return delegate.execute(model, method, args, kwargs);
        } finally {
            count(model + "." + method, start);
        }
    }

    private synchronized void count(String call, long start) {
        long[] t = byCall.computeIfAbsent(call, k -> new long[2]);
        t[0]++;
        t[1] += System.nanoTime() - start;
    }

    @Override
    public Protocol protocol() {
        return delegate.protocol();
    }

    // Version and login are requests too (XML-RPC logs in again on every authenticate()), so they are counted.
    @Override
    public ServerVersion version() {
        long start = System.nanoTime();
        try {
            return delegate.version();
        } finally {
            count("common.version", start);
        }
    }

    @Override
    public long authenticate() {
        long start = System.nanoTime();
        try {
            return delegate.authenticate();
        } finally {
            count("common.authenticate", start);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
