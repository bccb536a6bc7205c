package dev.ferry.plan;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a compile reads. Paths are resolved against {@code projectRoot}, which also makes every path
 * in messages and in the plan relative.
 *
 * @param projectRoot   folder holding catalogs/ and rules/
 * @param platform      source platform id (selects catalogs/sources/&lt;platform&gt;.yaml)
 * @param pair          rules folder name, e.g. {@code aspec-to-odoo-crm}
 * @param odooVersion   target catalog version, e.g. {@code 19.0}
 * @param exportDir     the source export folder
 * @param usersFile     the target's users (id,login,email,name), or null
 * @param options       rule options (fallback-owner, timezone, ...)
 * @param batchSize     rows per Odoo load call recorded in the plan
 * @param planDir       where the plan folder is written
 * @param apps          the target's installed modules the rules see, or null for the apps the Odoo catalog shows
 */
public record CompileOptions(Path projectRoot, String platform, String pair, String odooVersion, Path exportDir,
                             Path usersFile, Map<String, String> options, int batchSize, Path planDir,
                             java.util.Set<String> apps) {

    /** Options for a target whose installed apps are those its catalog shows. */
    public CompileOptions(Path projectRoot, String platform, String pair, String odooVersion, Path exportDir,
                          Path usersFile, Map<String, String> options, int batchSize, Path planDir) {
        this(projectRoot, platform, pair, odooVersion, exportDir, usersFile, options, batchSize, planDir, null);
    }

    public Path sourceCatalog() {
        return projectRoot.resolve("catalogs/sources/" + platform + ".yaml");
    }

    public Path odooCatalog() {
        return projectRoot.resolve("catalogs/odoo/" + odooVersion);
    }

    public Path rulesRoot() {
        return projectRoot.resolve("rules");
    }
}
