package dev.ferry.golden;

import dev.ferry.plan.CaseFile;
import dev.ferry.plan.CompileOptions;
import dev.ferry.plan.CompileResult;
import dev.ferry.plan.PlanCompiler;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compiles every {@code fixtures/<platform>/<case>/} for each Odoo version its case.yaml names and compares the
 * plan folder with {@code expected/<version>/}. Goldens change only with {@code -Dferry.golden.update=<platform>}
 * (or {@code all}); a mismatch leaves the actual plan under {@code target/golden/}.
 */
class GoldenPlanTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> everyFixtureCompilesToItsGoldenPlan() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> cases = Files.walk(ROOT.resolve("fixtures"), 3)) {
            for (Path caseFile : cases.filter(p -> p.getFileName().toString().equals("case.yaml")).sorted().toList()) {
                CaseFile c = CaseFile.load(caseFile, ROOT.relativize(caseFile).toString());
                for (String version : c.versions()) {
                    String name = c.platform() + "/" + c.dir().getFileName() + " @ Odoo " + version;
                    tests.add(DynamicTest.dynamicTest(name, () -> check(c, version)));
                }
            }
        }
        assertThat(tests).as("fixture cases found").isNotEmpty();
        return tests.stream();
    }

    private void check(CaseFile c, String version) throws IOException {
        Path actual = ROOT.resolve("target/golden/" + c.platform() + "/" + c.dir().getFileName() + "/" + version);
        CompileResult first = compile(c, version, actual);
        Path again = ROOT.resolve("target/golden-again/" + c.platform() + "/" + c.dir().getFileName() + "/" + version);
        compile(c, version, again);
        assertThat(read(again)).as("a second compile of the same inputs is byte-identical").isEqualTo(read(actual));

        Path expected = c.expectedDir(version);
        String update = System.getProperty("ferry.golden.update", "");
        if (update.equals("all") || update.equals(c.platform())) {
            copy(actual, expected);
            return;
        }
        if (!Files.isDirectory(expected)) {
            fail("no golden plan at " + ROOT.relativize(expected) + "; review " + ROOT.relativize(actual)
                    + " and accept it with -Dferry.golden.update=" + c.platform());
        }
        Map<String, String> want = read(expected);
        Map<String, String> got = read(actual);
        List<String> problems = new ArrayList<>();
        for (String f : want.keySet()) {
            if (!got.containsKey(f)) {
                problems.add("missing file " + f);
            } else if (!want.get(f).equals(got.get(f))) {
                problems.add(diff(f, want.get(f), got.get(f)));
            }
        }
        for (String f : got.keySet()) {
            if (!want.containsKey(f)) {
                problems.add("unexpected file " + f);
            }
        }
        if (!problems.isEmpty()) {
            fail("plan differs from " + ROOT.relativize(expected) + " (actual in " + ROOT.relativize(actual)
                    + "; accept with -Dferry.golden.update=" + c.platform() + "):\n" + String.join("\n", problems));
        }
        if (!first.written()) {
            assertThat(first.errorCount()).as("a refused compile reports errors").isPositive();
        }
    }

    private static CompileResult compile(CaseFile c, String version, Path out) {
        CompileOptions o = new CompileOptions(ROOT, c.platform(), c.pair(), version, c.exportDir(), c.users(),
                c.options(), 500, out, c.apps());
        return new PlanCompiler(o).compile();
    }

    /** Rows that differ, keyed by their first cell (the external id for step CSVs). */
    private static String diff(String file, String want, String got) {
        String[] w = want.split("\n", -1);
        String[] g = got.split("\n", -1);
        StringBuilder b = new StringBuilder(file + " differs:");
        int shown = 0;
        for (int i = 0; i < Math.max(w.length, g.length) && shown < 20; i++) {
            String a = i < w.length ? w[i] : "<none>";
            String z = i < g.length ? g[i] : "<none>";
            if (!a.equals(z)) {
                b.append("\n  line ").append(i + 1).append("\n    -> golden: ").append(a).append("\n    -> actual: ").append(z);
                shown++;
            }
        }
        return b.toString();
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(to)) {
            try (Stream<Path> s = Files.walk(to)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
