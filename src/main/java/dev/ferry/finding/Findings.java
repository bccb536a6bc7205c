package dev.ferry.finding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects findings from a stage so it can report all of them at once.
 * Thread-safe: rule sessions may add from several threads.
 */
public final class Findings {
    private final List<Finding> all = new ArrayList<>();
    private int errors;

    public synchronized void add(Finding finding) {
        all.add(finding);
        if (finding.isError()) {
            errors++;
        }
    }

    public synchronized void addAll(Iterable<Finding> findings) {
        for (Finding f : findings) {
            add(f);
        }
    }

    public synchronized boolean hasErrors() {
        return errors > 0;
    }

    public synchronized int errorCount() {
        return errors;
    }

    public synchronized List<Finding> list() {
        return Collections.unmodifiableList(new ArrayList<>(all));
    }

    public synchronized Map<Severity, Integer> countBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Finding f : all) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }
}
