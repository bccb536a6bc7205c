package dev.ferry.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every verb shares. */
final class CommonOptions {
    @Option(names = "--home", paramLabel = "DIR", defaultValue = ".",
            description = "Folder holding catalogs/ and rules/ (default: the current folder).")
    Path home;

    @Option(names = "--verbose", description = "Print stack traces of internal errors.")
    boolean verbose;

    Path home() {
        return home.toAbsolutePath().normalize();
    }
}
