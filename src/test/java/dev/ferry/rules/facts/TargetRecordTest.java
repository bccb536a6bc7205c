package dev.ferry.rules.facts;

import dev.ferry.finding.Findings;
import dev.ferry.finding.Origin;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TargetRecordTest {
    private final Output out = new Output("mini", new Context("mini", 17, Set.of(), new UserDirectory(), Map.of(),
            Map.of(), Map.of(), (f, k) -> null), new Findings());

    @Test
    void recordsEveryRuleThatSetAFieldSorted() {
        out.enterRule("b.drl: Second");
        TargetRecord t = out.record("res.partner", "ferry_mini.org_1", null);
        assertThat(t.rules()).containsExactly("b.drl: Second");
        t.set("name", "x");
        out.enterRule("a.drl: First");
        t.set("ref", "y").set("comment", "z");
        assertThat(t.rules()).containsExactly("a.drl: First", "b.drl: Second");
        assertThat(t.firstRuleLabel()).isEqualTo("a.drl: First");
        assertThat(t.rulesText()).isEqualTo("a.drl: First; b.drl: Second");
    }

    @Test
    void aRecordWithoutRulesOrLinesHasEmptyOnes() {
        TargetRecord t = new TargetRecord("res.partner", "x", null, Origin.NONE, null);
        assertThat(t.firstRuleLabel()).isNull();
        assertThat(t.rulesText()).isEmpty();
        assertThat(t.lines()).isEmpty();
        t.rules();
        out.enterRule("c.drl: Third");
        t.attach(out);
        t.set("name", "n");
        assertThat(t.rules()).containsExactly("c.drl: Third");
        t.line("child_ids", null).set("name", "line");
        assertThat(t.lines()).containsOnlyKeys("child_ids");
    }
}
