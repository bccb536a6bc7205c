package dev.ferry.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OdooCatalogTest {
    private static final Path SHARED = Path.of("../shared/odoo");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void shippedCatalogIsExactlyWhatImportingTheDumpsWrites(String version) throws IOException {
        OdooCatalog.importDumps(SHARED.resolve(version), version).write(dir, "ferry catalog import " + version + " --odoo " + version);
        Path shipped = Path.of("catalogs/odoo/" + version);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(shipped.resolve(f.getFileName())).as("catalog file " + f.getFileName())
                        .hasSameTextualContentAs(f);
            }
        }
        try (Stream<Path> files = Files.list(shipped)) {
            assertThat(files.count()).isEqualTo(Files.list(dir).count());
        }
    }

    @Test
    void writtenCatalogLoadsBackEqual() {
        OdooCatalog imported = OdooCatalog.importDumps(SHARED.resolve("17.0"), "17.0");
        imported.write(dir, "test");
        OdooCatalog loaded = OdooCatalog.load(dir);
        assertThat(loaded.models()).isEqualTo(imported.models());
        assertThat(loaded.apps()).contains("crm", "maintenance", "sale");
        assertThat(loaded.major()).isEqualTo(17);
    }

    @Test
    void recordsTheVersionDifferencesRulesDependOn() {
        OdooCatalog v17 = OdooCatalog.load(Path.of("catalogs/odoo/17.0"));
        OdooCatalog v19 = OdooCatalog.load(Path.of("catalogs/odoo/19.0"));
        assertThat(v17.model("crm.stage").field("team_id").relation()).isEqualTo("crm.team");
        assertThat(v19.model("crm.stage").hasField("team_id")).isFalse();
        assertThat(v19.model("crm.stage").field("team_ids").type()).isEqualTo("many2many");
        assertThat(v17.model("res.partner").hasField("mobile")).isTrue();
        assertThat(v19.model("res.partner").hasField("mobile")).isFalse();
        assertThat(v17.model("res.partner").field("type").hasChoice("contact")).isTrue();
        assertThat(v19.model("hr.expense.sheet")).isNull();
    }
}
