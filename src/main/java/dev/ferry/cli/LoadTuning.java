package dev.ferry.cli;

import dev.ferry.odoo.LoadOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How a load runs, shared by {@code load} and {@code run}. */
final class LoadTuning {
    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "runs", description = "Folder for run folders (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "0", description = "Records per load call (default: the plan's).")
    int batchSize;

    @Option(names = "--on-error", paramLabel = "stop|continue", defaultValue = "stop", description = "After refused rows: stop or continue.")
    LoadOptions.OnError onError;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "0", description = "Load a referentially closed sample of N records per load step.")
    int sample;

    LoadOptions options() {
        return new LoadOptions(batchSize, onError, null, null);
    }
}
