package dev.ferry.cli;

import dev.ferry.catalog.OdooCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ferry catalog}: generate target catalogs from real fields_get data. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Generate Odoo target catalogs.",
        subcommands = {CatalogCommand.Import.class})
final class CatalogCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ferry catalog import DUMPS}: a folder of {@code <model>.json} fields_get answers → catalogs/odoo/VER. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Write catalogs/odoo/VERSION from a folder of <model>.json fields_get dumps.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "DUMPS", description = "Folder of <model>.json fields_get answers, e.g. ../shared/odoo/19.0.")
        Path dumps;

        @Option(names = "--odoo", paramLabel = "VERSION", description = "Odoo version (default: the folder's name, e.g. 19.0).")
        String version;

        @Override
        public Integer call() {
            String v = version != null ? version : dumps.toAbsolutePath().normalize().getFileName().toString();
            if (!v.matches("\\d+\\.\\d+")) {
                throw new CliException(Main.USAGE, "cannot tell the Odoo version from '" + v + "'; give --odoo like 19.0");
            }
            OdooCatalog c = OdooCatalog.importDumps(dumps, v);
            Path out = common.home().resolve("catalogs/odoo/" + v);
            c.write(out, "ferry catalog import " + dumps.getFileName() + " --odoo " + v);
            spec.commandLine().getOut().printf("wrote %d models of Odoo %s to %s (apps: %s)%n", c.models().size(), v, out,
                    String.join(", ", c.apps()));
            return Main.OK;
        }
    }
}
