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
            // methods.yaml comes from a running server (tools/odoo-facts), not from the dumps
            assertThat(files.filter(f -> !f.endsWith("methods.yaml") && !f.endsWith("overrides.yaml")).count())
                    .isEqualTo(Files.list(dir).count());
        }
        assertThat(OdooCatalog.load(shipped).methods().of("res.partner", "default_get")).as("methods.yaml of " + version)
                .isNotNull();
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

    @Test
    void methodFactsTellWhereAModelDeclaresAMethodOtherwiseThanBaseModel() {
        MethodFacts m17 = OdooCatalog.load(Path.of("catalogs/odoo/17.0")).methods();
        MethodFacts m19 = OdooCatalog.load(Path.of("catalogs/odoo/19.0")).methods();
        // sale_project overrides it without @api.model on 17.0 and 18.0: XML-RPC must send an empty id list first
        assertThat(m17.of("sale.order.line", "default_get").bound()).isEqualTo(MethodFacts.Bound.RECORDS);
        assertThat(m17.of("res.partner.category", "default_get"))
                .isEqualTo(new MethodFacts.Signature(MethodFacts.Bound.MODEL, java.util.List.of("fields_list")));
        assertThat(m19.of("sale.order.line", "default_get"))
                .isEqualTo(new MethodFacts.Signature(MethodFacts.Bound.MODEL, java.util.List.of("fields")));
        assertThat(m19.of("sale.order", "action_confirm").bound()).isEqualTo(MethodFacts.Bound.RECORDS);
        assertThat(m19.of("res.partner", "no_such_method")).isNull();
        assertThat(MethodFacts.none().of("res.partner", "default_get")).isNull();
        assertThat(m19.writtenAfter("project.task")).containsExactly("date_end");
        assertThat(m17.writtenAfter("res.partner")).isEmpty();
    }
}
