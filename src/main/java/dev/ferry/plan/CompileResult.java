package dev.ferry.plan;

import dev.ferry.finding.Finding;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a compile produced.
 *
 * @param plan      the plan, or null when errors prevented writing it
 * @param planDir   the plan folder (on refusal it holds only {@code findings.csv})
 * @param findings  every finding, errors first
 * @param records   source records read (second pass)
 * @param nanos     wall time of the compile
 * @param sourceCounts records per source object
 */
public record CompileResult(Plan plan, Path planDir, List<Finding> findings, long records, long nanos,
                            Map<String, Integer> sourceCounts) {

    public boolean written() {
        return plan != null;
    }

    public long errorCount() {
        return findings.stream().filter(Finding::isError).count();
    }
}
