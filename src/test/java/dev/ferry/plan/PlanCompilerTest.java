package dev.ferry.plan;

import dev.ferry.finding.Finding;
import dev.ferry.finding.FindingCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCompilerTest {
    @TempDir
    Path root;

    @Test
    void writesParentsBeforeChildrenWhateverTheExportOrder() throws Exception {
        CompileResult r = MiniProject.compile(MiniProject.create(root, "rules-ok"));
        assertThat(r.written()).as(r.findings().toString()).isTrue();
        List<String> rows = Files.readAllLines(root.resolve("plan/01-load-res.partner.csv"));
        assertThat(rows).containsExactly(
                "id,is_company,name,parent_id/id",
                "ferry_mini.org_O1,True,Root,",
                "ferry_mini.org_O4,True,Loner,",
                "ferry_mini.org_O2,True,Child,ferry_mini.org_O1",
                "ferry_mini.org_O3,True,Grandchild,ferry_mini.org_O2");
        assertThat(r.findings()).extracting(f -> f.code().id() + " " + f.origin().recordKey())
                .containsExactly("MAP-004 mini/org#O1");
        assertThat(Files.readString(root.resolve("plan/provenance.csv")))
                .contains("ferry_mini.org_O3,res.partner,mini/org#O3,export/orgs.csv:2,"
                        + "rules/mini-to-odoo-crm/mapping.drl: Organisation becomes a company");
    }

    @Test
    void refusesACycleOfParents() throws Exception {
        MiniProject.create(root, "rules-ok");
        Files.writeString(root.resolve("export/orgs.csv"), "ID,Name,Parent,Kind\nA,A,B,x\nB,B,A,x\n");
        CompileResult r = MiniProject.compile(root);
        assertThat(r.written()).isFalse();
        assertThat(r.findings()).extracting(Finding::code).contains(FindingCode.PLAN_007);
        assertThat(Files.exists(root.resolve("plan/plan.yaml"))).isFalse();
        assertThat(Files.readString(root.resolve("plan/findings.csv"))).contains("PLAN-007");
    }

    @Test
    void reportsRuleCompileErrorsWithFileAndLine() throws Exception {
        CompileResult r = MiniProject.compile(MiniProject.create(root, "rules-broken"));
        assertThat(r.written()).isFalse();
        Finding f = r.findings().get(0);
        assertThat(f.code()).isEqualTo(FindingCode.DRL_001);
        assertThat(f.origin().file()).isEqualTo("rules/mini-to-odoo-crm/mapping.drl");
        assertThat(f.origin().line()).isBetween(11, 13);
    }

    @Test
    void refusesAFieldNoRuleClaimsAndNamesIt() throws Exception {
        CompileResult r = MiniProject.compile(MiniProject.create(root, "rules-unclaimed"));
        assertThat(r.written()).isFalse();
        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.MAP_001).singleElement()
                .satisfies(f -> assertThat(f.headLine()).isEqualTo("export/orgs.csv:2: error MAP-001: mini/org#O3 kind: "
                        + "source field org.kind is not mapped, declared lossy or ignored by any rule (4 records)"));
    }

    @Test
    void refusesValuesTheTargetCatalogDoesNotAllow() throws Exception {
        CompileResult r = MiniProject.compile(MiniProject.create(root, "rules-badvalues"));
        assertThat(r.written()).isFalse();
        assertThat(r.findings()).extracting(f -> f.code().id() + " " + f.origin().field()).contains(
                "PLAN-005 type", "PLAN-002 no_such_field");
        Finding sel = r.findings().stream().filter(f -> f.code() == FindingCode.PLAN_005).findFirst().orElseThrow();
        assertThat(sel.expected()).isEqualTo("one of contact, invoice, delivery, other for selection field type ('Address Type')");
    }
}
