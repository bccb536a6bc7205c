package dev.ferry.report;

import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import dev.ferry.finding.Severity;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints findings in the console form of STYLE §8: a greppable head line, an indented hint, at most 25 of one
 * code, and a closing summary line.
 */
public final class FindingsRenderer {
    private static final int PER_CODE = 25;

    private FindingsRenderer() {
    }

    /** Prints findings at or above {@code minimum}; returns the summary line. */
    public static String render(List<Finding> findings, Severity minimum, PrintWriter out) {
        Map<FindingCode, Integer> shown = new EnumMap<>(FindingCode.class);
        Map<FindingCode, Integer> hidden = new EnumMap<>(FindingCode.class);
        for (Finding f : findings) {
            if (f.severity().compareTo(minimum) < 0) {
                continue;
            }
            int n = shown.merge(f.code(), 1, Integer::sum);
            if (n > PER_CODE) {
                hidden.merge(f.code(), 1, Integer::sum);
                continue;
            }
            out.println(f.headLine());
            if (f.hint() != null) {
                out.println("    hint: " + f.hint());
            }
        }
        hidden.forEach((code, n) -> out.println("… and " + n + " more " + code.id()));
        String summary = summary(findings);
        out.println(summary);
        out.flush();
        return summary;
    }

    /** {@code 3 errors, 1 warning in 2 files}. */
    public static String summary(List<Finding> findings) {
        int errors = 0;
        int warnings = 0;
        Set<String> files = new HashSet<>();
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                errors++;
            } else if (f.severity() == Severity.WARNING) {
                warnings++;
            } else {
                continue;
            }
            if (f.origin().file() != null) {
                files.add(f.origin().file());
            }
        }
        return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings")
                + (files.isEmpty() ? "" : " in " + files.size() + (files.size() == 1 ? " file" : " files"));
    }
}
