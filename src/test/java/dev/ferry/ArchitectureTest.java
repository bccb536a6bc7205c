package dev.ferry;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** DESIGN's dependency arrows: cli → (report, run, odoo) → plan → (rules, catalog, source); finding is a leaf. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.ferry");

    @Test
    void packagesDependOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("cli").definedBy("dev.ferry.cli..")
                .layer("report").definedBy("dev.ferry.report..")
                .layer("run").definedBy("dev.ferry.run..")
                .layer("odoo").definedBy("dev.ferry.odoo..")
                .layer("plan").definedBy("dev.ferry.plan..")
                .layer("rules").definedBy("dev.ferry.rules..")
                .layer("source").definedBy("dev.ferry.source..")
                .layer("catalog").definedBy("dev.ferry.catalog..")
                .layer("finding").definedBy("dev.ferry.finding..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "run")
                .whereLayer("run").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("odoo").mayOnlyBeAccessedByLayers("cli", "run", "report")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("cli", "run", "odoo", "report")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("plan", "cli")
                .whereLayer("source").mayOnlyBeAccessedByLayers("plan", "rules", "cli")
                .whereLayer("catalog").mayOnlyBeAccessedByLayers("plan", "rules", "source", "odoo", "cli", "run", "report")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLinePrints() {
        noClasses().that().resideOutsideOfPackage("dev.ferry.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("STYLE §11: print only through the command line's writers")
                .check(CLASSES);
    }
}
