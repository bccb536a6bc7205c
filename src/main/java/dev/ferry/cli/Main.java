package dev.ferry.cli;

import dev.ferry.finding.FindingsException;
import dev.ferry.odoo.AuthenticationException;
import dev.ferry.odoo.OdooProtocolException;
import dev.ferry.odoo.OdooUnreachableException;
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
        if (e instanceof OdooUnreachableException u) {
            err.println("ferry: cannot reach Odoo: " + u.getMessage());
            err.println("    hint: check --url and that the server is up; a run that had started can go on with"
                    + " `ferry load --resume RUN`");
            err.flush();
            return LOAD_FAILED;
        }
        if (e instanceof AuthenticationException a) {
            err.println("ferry: " + a.getMessage());
            err.println("    hint: check --db, --user and the secret's environment variable or file");
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof OdooProtocolException p) {
            err.println("ferry: the server's answer is not what Odoo sends: " + p.getMessage());
            err.println("    hint: check that --url points at an Odoo server (and --protocol, if given)");
            err.flush();
            return LOAD_FAILED;
        }
        err.println("ferry: internal error: " + e + " (this is a bug; rerun with --verbose and report it)");
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return BUG;
    }
}
