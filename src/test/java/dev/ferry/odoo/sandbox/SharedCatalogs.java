package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real fields_get dumps under {@code ../shared/odoo/<version>}, read once per test JVM. */
public final class SharedCatalogs {
    private static final Map<String, OdooCatalog> CACHE = new ConcurrentHashMap<>();

    private SharedCatalogs() {
    }

    public static OdooCatalog of(String version) {
        return CACHE.computeIfAbsent(version, v -> {
            Path dir = Path.of(System.getProperty("user.dir")).resolve("../shared/odoo").resolve(v).normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("missing the shared Odoo dumps at " + dir);
            }
            return OdooCatalog.importDumps(dir, v);
        });
    }
}
