package dev.ferry.cli;

import dev.ferry.odoo.BatchListener;
import dev.ferry.odoo.StepStatus;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/** Progress on stderr: a bar with rows/s and ETA on a terminal, otherwise one line per step. */
final class ProgressListener implements BatchListener {
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private ProgressBar bar;
    private long started;

    ProgressListener(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void stepStarted(String stepId, String model, int records, int batches) {
        started = System.nanoTime();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(stepId).setInitialMax(records).setUnit(" rows", 1)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
        }
    }

    @Override
    public void progress(String stepId, int done, int total) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void stepEnded(String stepId, StepStatus status) {
        if (bar != null) {
            bar.close();
            bar = null;
        } else {
            err.printf("%s %s in %.1f s%n", stepId, status, (System.nanoTime() - started) / 1e9);
            err.flush();
        }
    }
}
