package dev.ferry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CompileCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void compilesTheFixtureForTheNewestCatalogByDefault() {
        int code = run("compile", "--case", "fixtures/aspec/basic/case.yaml", "--odoo", "19.0", "-o", tmp.resolve("p").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("for Odoo 19.0").contains("01-schema-ir.model.fields").contains("plan written to");
        assertThat(tmp.resolve("p/plan.yaml")).exists();
    }

    @Test
    void explainsWhereARecordWent() {
        run("compile", "--case", "fixtures/aspec/basic/case.yaml", "--odoo", "17.0", "-o", tmp.resolve("p").toString());
        out.getBuffer().setLength(0);
        int code = run("explain", "aspec/ibo#I-3001", "--plan", tmp.resolve("p").toString(),
                "--export", "fixtures/aspec/basic/export");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("aspec/ibo#I-3001  (fixtures/aspec/basic/export/ibos.csv:2)")
                .contains("crm.lead ferry_aspec.ibo_I_3001  (step 09-load-crm.lead)")
                .contains("rule   rules/aspec-to-odoo-crm/ibos.drl: IBO becomes an opportunity in its pipeline stage")
                .contains("stage_id/id = ferry_aspec.pipeline_stage_New_Business_Discovery");
    }

    @Test
    void refusesToWipeAFolderThatIsNotAPlan() throws Exception {
        Files.writeString(tmp.resolve("precious.txt"), "keep me");
        int code = run("compile", "--case", "fixtures/aspec/basic/case.yaml", "-o", tmp.toString());
        assertThat(code).isEqualTo(3);
        assertThat(tmp.resolve("precious.txt")).exists();
        assertThat(err.toString()).contains("CLI-001");
    }

    @Test
    void namesKnownPlatformsWhenOneIsMissing() {
        int code = run("compile", "fixtures/aspec/basic/export", "--platform", "nosuch");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("no source catalog catalogs/sources/nosuch.yaml; known platforms: ascora, aspec");
    }
}
