package dev.ferry.cli;

import dev.ferry.plan.PlanExplainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ferry explain KEY}: the source record, the rules that fired and the target rows they made. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show a source record, the rules that fired for it and the plan rows they produced.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "KEY", description = "Record key, e.g. aspec/contact#C-2001.")
    String key;

    @Option(names = "--plan", required = true, paramLabel = "DIR", description = "The compiled plan folder.")
    Path plan;

    @Option(names = "--export", paramLabel = "DIR", description = "The export folder the plan was compiled from (to print the source record).")
    Path export;

    @Override
    public Integer call() throws Exception {
        boolean found = new PlanExplainer(common.home(), plan, export).explain(key, spec.commandLine().getOut());
        if (!found) {
            throw new CliException(Main.BAD_INPUT, "no plan row comes from " + key + " in " + plan
                    + "; keys look like <platform>/<object>#<key>");
        }
        return Main.OK;
    }
}
