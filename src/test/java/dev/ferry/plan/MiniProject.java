package dev.ferry.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** A throw-away project folder: the mini platform, one of its rule sets, and the real Odoo 17.0 catalog. */
final class MiniProject {
    private static final Path RESOURCES = Path.of("src/test/resources/mini");

    private MiniProject() {
    }

    static Path create(Path root, String rules) throws IOException {
        copy(RESOURCES.resolve("catalogs"), root.resolve("catalogs"));
        copy(RESOURCES.resolve("export"), root.resolve("export"));
        copy(RESOURCES.resolve(rules), root.resolve("rules/mini-to-odoo-crm"));
        copy(Path.of("catalogs/odoo/17.0"), root.resolve("catalogs/odoo/17.0"));
        return root;
    }

    static CompileResult compile(Path root) {
        return new PlanCompiler(new CompileOptions(root, "mini", "mini-to-odoo-crm", "17.0", root.resolve("export"),
                null, Map.of(), 500, root.resolve("plan"))).compile();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
