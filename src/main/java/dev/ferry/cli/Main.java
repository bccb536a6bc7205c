package dev.ferry.cli;

import dev.ferry.finding.FindingsException;
import dev.ferry.finding.Severity;
import dev.ferry.report.FindingsRenderer;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of the {@code ferry} launcher. */
public final class Main {
    /** Exit codes of STYLE §8. */
    public static final int OK = 0;
    public static final int BUG = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int LOAD_FAILED = 4;
    public static final int PARTIAL = 5;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FerryCommand());
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose");
        if (e instanceof FindingsException fe) {
            FindingsRenderer.render(fe.findings(), Severity.INFO, err);
            return BAD_INPUT;
        }
        if (e instanceof CliException ce) {
            err.println("ferry: " + ce.getMessage());
            return ce.exitCode();
        }
        err.println("ferry: internal error: " + e + " (this is a bug; rerun with --verbose and report it)");
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return BUG;
    }
}
