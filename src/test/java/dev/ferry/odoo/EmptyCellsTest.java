package dev.ferry.odoo;

import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Odoo's load stores an empty cell as False. For a field with a default, a computed one or a required one that
 * is a value, not "unset", so the executor sends records leaving such a field empty in a call without it;
 * plain fields stay, so an empty description still clears. A record whose parent is in the same batch goes later.
 */
class EmptyCellsTest {
    private static final Path PLAN = Path.of("src/test/resources/odoo/empty-cells");

    /** Answers as Odoo would for a crm.lead with a default owner and active flag and a computed probability. */
    private static final class Recording implements OdooClient {
        final List<List<String>> headers = new ArrayList<>();
        final List<List<String>> xids = new ArrayList<>();
        private long next = 1;

        @Override
        public Protocol protocol() {
            return Protocol.XML_RPC;
        }

        @Override
        public ServerVersion version() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long authenticate() {
            return 2;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object execute(String model, String method, List<?> args, Map<String, ?> kwargs) {
            switch (method) {
                case "search_read" -> {
                    return List.of();
                }
                case "fields_get" -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("active", Map.of("type", "boolean"));
                    f.put("description", Map.of("type", "html"));
                    f.put("name", Map.of("type", "char", "required", true));
                    f.put("parent_id", Map.of("type", "many2one", "relation", "crm.lead"));
                    f.put("probability", Map.of("type", "float", "depends", List.of("stage_id", "team_id")));
                    f.put("user_id", Map.of("type", "many2one", "relation", "res.users"));
                    return f;
                }
                case "default_get" -> {
                    return Map.of("active", true, "user_id", 2L, "description", false);
                }
                case "load" -> {
                    List<String> header = (List<String>) args.get(0);
                    List<List<String>> rows = (List<List<String>>) args.get(1);
                    headers.add(header);
                    xids.add(rows.stream().map(r -> r.get(0)).toList());
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(next++));
                    return Map.of("ids", ids, "messages", List.of(), "nextrow", 0L);
                }
                default -> throw new AssertionError("unexpected call " + model + "." + method);
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void emptyCellsOfDefaultedComputedOrRequiredFieldsAreLeftOutOfTheCall() {
        Plan plan = PlanReader.read(PLAN);
        Recording odoo = new Recording();
        LoadReport report = new PlanExecutor(odoo, plan, PLAN, LoadOptions.defaults(), null, dev.ferry.catalog.MethodFacts.none()).execute();

        assertThat(report.status()).isEqualTo(StepStatus.DONE);
        assertThat(odoo.xids).containsExactly(
                List.of("ferry_demo.lead_1"), List.of("ferry_demo.lead_2"), List.of("ferry_demo.lead_4"),
                List.of("ferry_demo.lead_3"));
        assertThat(odoo.headers.get(0)).as("no default owner, active flag or computed probability overridden")
                .containsExactly("id", "description", "name", "parent_id/id");
        assertThat(odoo.headers.get(1)).as("every cell set, or an empty plain field")
                .containsExactly("id", "active", "description", "name", "parent_id/id", "probability", "user_id/.id");
        assertThat(odoo.headers.get(2)).containsExactly("id", "description", "name", "parent_id/id", "probability");
        assertThat(odoo.headers.get(3)).as("the child after its parent, which is in the same batch")
                .containsExactly("id", "description", "name", "parent_id/id");
        assertThat(report.steps().get(0).created()).isEqualTo(4);
    }
}
