package dev.ferry.bench;

import dev.ferry.plan.CompileOptions;
import dev.ferry.plan.CompileResult;
import dev.ferry.plan.PlanCompiler;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Compiles generated ASPEC exports end to end (read, rules, validate, write plan) and prints records/s and peak
 * heap. Not a test: run it with the heap you want to prove, e.g. {@code mvn -B -o -Pbench test-compile exec:exec}
 * or {@code java -Xmx512m -cp <test classpath> dev.ferry.bench.CompileBenchmark 100000 1000000}
 * (docs/benchmarks.md).
 *
 * <p>Per size it prints wall time and records/s; the process CPU time (all threads: stages, GC, JIT), which is
 * less disturbed than wall time by other work on the machine; and the peak of the used heap sampled every
 * 20 ms, which includes garbage not yet collected: the real bound is the smallest -Xmx a size still compiles in.
 */
public final class CompileBenchmark {
    private CompileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(home.resolve("target/bench"));
        for (String arg : args) {
            int n = Integer.parseInt(arg);
            Path export = work.resolve("export-" + n);
            if (!Files.exists(export.resolve("interactions.csv"))) {
                AspecExportGenerator.generate(export, n);
            }
            CompileOptions o = new CompileOptions(home, "aspec", "aspec-to-odoo-crm", "17.0", export,
                    home.resolve("fixtures/aspec/basic/odoo-users.csv"), Map.of("timezone", "America/Toronto"), 500,
                    work.resolve("plan-" + n));
            PlanCompiler compiler = new PlanCompiler(o);
            long buildStart = System.nanoTime();
            compiler.prepare();
            long buildMs = (System.nanoTime() - buildStart) / 1_000_000;
            System.gc();
            HeapWatch watch = new HeapWatch();
            long cpuStart = processCpuNanos();
            CompileResult r;
            try {
                r = compiler.compile();
            } finally {
                watch.stop();
            }
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            double secs = r.nanos() / 1e9;
            System.out.printf("%,d records: %s in %.1f s = %,.0f records/s; CPU %.1f s (%,.0f records per CPU-s); "
                            + "peak heap %d MiB (max %d MiB); KieBase build %d ms; %d errors%n",
                    r.records(), r.written() ? "plan written" : "REFUSED", secs, r.records() / secs, cpu,
                    r.records() / cpu, watch.peakMiB(), Runtime.getRuntime().maxMemory() >> 20,
                    buildMs, r.errorCount());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Samples used heap every 20 ms; per-pool peaks would overstate it, as pools peak at different times. */
    private static final class HeapWatch {
        private volatile boolean running = true;
        private volatile long peak;
        private final Thread thread = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        HeapWatch() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peakMiB() {
            return peak >> 20;
        }
    }
}
