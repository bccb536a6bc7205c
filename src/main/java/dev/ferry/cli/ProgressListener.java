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
    private int done;

    ProgressListener(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void stepStarted(String stepId, String model, int records, int batches) {
        started = System.nanoTime();
        done = 0;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(stepId).setInitialMax(records).setUnit(" rows", 1)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
        }
    }

    @Override
    public void progress(String stepId, int done, int total) {
        this.done = done;
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
            double secs = (System.nanoTime() - started) / 1e9;
            err.printf("%s %s: %d rows in %.1f s (%.0f rows/s)%n", stepId, status, done, secs, secs > 0 ? done / secs : 0);
            err.flush();
        }
    }
}
