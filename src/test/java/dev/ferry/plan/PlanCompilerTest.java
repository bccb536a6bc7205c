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

    @Test
    void refusesAReferenceToARecordOfAnotherModel() throws Exception {
        CompileResult r = MiniProject.compile(MiniProject.create(root, "rules-wrongmodel"));
        assertThat(r.written()).isFalse();
        List<Finding> wrong = r.findings().stream().filter(f -> f.code() == FindingCode.PLAN_011).toList();
        // Leads name themselves (found at once); partners name their parent's lead, created later (found at the end).
        assertThat(wrong).extracting(f -> f.origin().recordKey() + " " + f.origin().field()).containsExactlyInAnyOrder(
                "mini/org#O1 partner_id", "mini/org#O2 partner_id", "mini/org#O3 partner_id", "mini/org#O4 partner_id",
                "mini/org#O2 parent_id", "mini/org#O3 parent_id");
        Finding f = wrong.stream().filter(w -> "mini/org#O3".equals(w.origin().recordKey())
                && "parent_id".equals(w.origin().field())).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(dev.ferry.finding.Severity.ERROR);
        assertThat(f.headLine()).isEqualTo("export/orgs.csv:2: error PLAN-011: mini/org#O3 parent_id: found "
                + "'ferry_mini.lead_O2'; expected a res.partner record for res.partner.parent_id; the plan creates "
                + "ferry_mini.lead_O2 as a crm.lead record");
        assertThat(f.rule()).isEqualTo("rules/mini-to-odoo-crm/mapping.drl: Organisation becomes a company under its parent's lead");
        assertThat(r.findings()).extracting(Finding::code).doesNotContain(FindingCode.PLAN_006, FindingCode.PLAN_007);
    }

    @Test
    void reportsEachPlanErrorAtTheSourceRecordThatCausedIt() throws Exception {
        CompileResult r = MiniProject.compile(MiniProject.create(root, "rules-badplan"));
        assertThat(r.written()).isFalse();
        assertThat(Files.exists(root.resolve("plan/plan.yaml"))).isFalse();
        assertThat(r.findings()).filteredOn(Finding::isError)
                .extracting(f -> f.code().id() + " " + f.origin().recordKey() + " " + f.origin().field() + " "
                        + f.value())
                .containsExactlyInAnyOrder(
                        "PLAN-001 mini/org#O1 null res.partnr",
                        "PLAN-003 mini/org#O2 is_company yes",
                        "PLAN-004 mini/org#O3 id null",
                        "PLAN-004 mini/org#O3 name null",
                        "PLAN-006 mini/org#O4 parent_id ferry_mini.org_O9",
                        "PLAN-008 mini/org#O4 id ferry_mini.tag_shared");
        Finding type = r.findings().stream().filter(f -> f.code() == FindingCode.PLAN_003).findFirst().orElseThrow();
        assertThat(type.expected()).isEqualTo("true or false for boolean field is_company");
        assertThat(type.origin().file()).isEqualTo("export/orgs.csv");
        assertThat(type.origin().line()).isEqualTo(3);
        Finding dangling = r.findings().stream().filter(f -> f.code() == FindingCode.PLAN_006).findFirst().orElseThrow();
        assertThat(dangling.origin().line()).isEqualTo(5);
        assertThat(dangling.expected()).isEqualTo("an external id that a step of this plan creates");
    }

    @Test
    void refusesModelsThatReferenceEachOther() throws Exception {
        CompileResult r = MiniProject.compile(MiniProject.create(root, "rules-modelcycle"));
        assertThat(r.written()).isFalse();
        assertThat(r.findings()).filteredOn(Finding::isError).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.PLAN_007);
            assertThat(f.value()).isEqualTo("res.partner → res.users");
        });
    }
}
