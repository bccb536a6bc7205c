package dev.ferry;

import dev.ferry.catalog.SourceCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every source catalog comes with a rules folder (with NOTES.md) and at least one fixture case. */
class CatalogConsistencyTest {
    @Test
    void everyPlatformHasRulesNotesAndFixtures() throws IOException {
        List<Path> catalogs;
        try (Stream<Path> s = Files.list(Path.of("catalogs/sources"))) {
            catalogs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(catalogs).isNotEmpty();
        for (Path c : catalogs) {
            String platform = SourceCatalog.load(c, c.toString()).platform();
            assertThat(c.getFileName().toString()).isEqualTo(platform + ".yaml");
            List<Path> pairs;
            try (Stream<Path> s = Files.list(Path.of("rules"))) {
                pairs = s.filter(p -> p.getFileName().toString().startsWith(platform + "-to-odoo-")).toList();
            }
            assertThat(pairs).as("rules folder for " + platform).isNotEmpty();
            for (Path pair : pairs) {
                assertThat(pair.resolve("NOTES.md")).as("mapping notes of " + pair).exists();
            }
            assertThat(Path.of("fixtures", platform, "basic", "case.yaml")).as("basic fixture of " + platform).exists();
        }
    }
}
