package dev.ferry.finding;

import java.util.List;

/** Thrown by a stage that collected errors and cannot go on; carries every finding it collected. */
public final class FindingsException extends RuntimeException {
    private final transient List<Finding> findings;

    public FindingsException(List<Finding> findings) {
        super(findings.stream().filter(Finding::isError).findFirst().map(Finding::headLine)
                .orElse("stage failed"));
        this.findings = List.copyOf(findings);
    }

    public static FindingsException of(Finding finding) {
        return new FindingsException(List.of(finding));
    }

    public List<Finding> findings() {
        return findings;
    }
}
