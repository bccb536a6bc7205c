package dev.ferry.odoo.sandbox;

import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.LoadResult;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooFault;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Odoo's {@code load} as the sandbox plays it on 17.0, driven through the XML-RPC client. */
class LoadTest {
    private OdooSandbox odoo;
    private OdooClient client;

    @BeforeEach
    void start() {
        odoo = OdooSandbox.start(SharedCatalogs.of("17.0"));
        client = OdooClient.connect(new OdooServer(odoo.url(), odoo.database()),
                new Credentials(odoo.login(), Secret.of(odoo.password().toCharArray())),
                ClientOptions.defaults().withProtocol(Protocol.XML_RPC));
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    private LoadResult load(String model, List<String> fields, List<List<String>> rows) {
        return client.load(model, fields, rows, Map.of("tracking_disable", true));
    }

    private Map<String, Object> readOne(String model, long id, String... fields) {
        return odoo.env().read(model, List.of(id), fields).get(0);
    }

    private static void assertSingleError(LoadResult r, String message, int row, int record) {
        assertThat(r.ids()).isNull();
        assertThat(r.messages()).hasSize(1);
        LoadResult.Message m = r.messages().get(0);
        assertThat(m.type()).isEqualTo("error");
        assertThat(m.message()).isEqualTo(message);
        assertThat(m.rowFrom()).isEqualTo(row);
        assertThat(m.rowTo()).isEqualTo(row);
        assertThat(m.record()).isEqualTo(record);
    }

    @Test
    void backwardReferenceWithinABatchResolves() {
        LoadResult r = load("res.partner", List.of("id", "name", "is_company", "parent_id/id"),
                List.of(List.of("co_1", "Acme", "1", ""), List.of("ct_1", "Alice", "0", "co_1")));
        assertThat(r.messages()).isEmpty();
        assertThat(r.ids()).hasSize(2);
        assertThat(readOne("res.partner", r.ids().get(1), "parent_id", "display_name"))
                .containsEntry("parent_id", List.of(r.ids().get(0), "Acme"))
                .containsEntry("display_name", "Acme, Alice");
    }

    @Test
    void forwardReferenceFailsWithOdoosMessageAndSavesNothing() {
        SandboxSnapshot before = odoo.snapshot();
        LoadResult r = load("res.partner", List.of("id", "name", "parent_id/id"),
                List.of(List.of("ct_1", "Alice", "co_1"), List.of("co_1", "Acme", "")));
        assertSingleError(r, "No matching record found for external id 'co_1' in field 'Related Company'", 0, 0);
        assertThat(odoo.snapshot()).isEqualTo(before);
        assertThat(client.lookupExternalIds(List.of("co_1", "ct_1"))).isEmpty();
    }

    @Test
    void oneBadRowRollsBackTheWholeCall() {
        SandboxSnapshot before = odoo.snapshot();
        LoadResult r = load("res.partner", List.of("id", "name", "type"),
                List.of(List.of("p_1", "Good One", "contact"), List.of("p_2", "Bad One", "bogus"), List.of("p_3", "Good Two", "")));
        assertSingleError(r, "Value 'bogus' not found in selection field 'Address Type'", 1, 1);
        assertThat(odoo.snapshot().differences(before)).isEmpty();
        assertThat(odoo.snapshot()).isEqualTo(before);
    }

    @Test
    void everyBadRowIsReportedNotJustTheFirst() {
        LoadResult r = load("res.partner", List.of("id", "name", "is_company", "country_id"),
                List.of(List.of("p_1", "One", "maybe", ""), List.of("p_2", "Two", "1", "Atlantis"), List.of("p_3", "", "", "")));
        assertThat(r.ids()).isNull();
        assertThat(r.messages()).extracting(LoadResult.Message::message).containsExactly(
                "Unknown value 'maybe' for boolean field 'Is a Company'",
                "No matching record found for name 'Atlantis' in field 'Country'",
                "'Contacts require a name'");
        assertThat(r.messages()).extracting(LoadResult.Message::record).containsExactly(0, 1, 2);
    }

    @Test
    void secondLoadOfAnExternalIdUpdatesTheRecord() {
        LoadResult first = load("res.partner", List.of("id", "name", "email"), List.of(List.of("again_1", "Before", "a@x.com")));
        int partners = odoo.snapshot().records("res.partner").size();
        LoadResult second = load("res.partner", List.of("id", "name", "email"), List.of(List.of("again_1", "After", "")));
        assertThat(second.ids()).isEqualTo(first.ids());
        assertThat(odoo.snapshot().records("res.partner")).hasSize(partners);
        assertThat(readOne("res.partner", first.ids().get(0), "name", "email"))
                .containsEntry("name", "After").containsEntry("email", false);
    }

    @Test
    void sameExternalIdTwiceInOneCallGivesTheSameIdTwice() {
        LoadResult r = load("res.partner", List.of("id", "name"), List.of(List.of("twice", "First"), List.of("twice", "Second")));
        assertThat(r.ids()).hasSize(2);
        assertThat(r.ids().get(0)).isEqualTo(r.ids().get(1));
        assertThat(readOne("res.partner", r.ids().get(0), "name")).containsEntry("name", "Second");
    }

    @Test
    void many2manyListReplacesTheSet() {
        LoadResult tags = load("res.partner.category", List.of("id", "name"),
                List.of(List.of("tag_a", "A"), List.of("tag_b", "B"), List.of("tag_c", "C")));
        LoadResult p = load("res.partner", List.of("id", "name", "category_id/id"), List.of(List.of("tagged", "Tagged", "tag_a,tag_b")));
        long id = p.ids().get(0);
        assertThat(readOne("res.partner", id, "category_id").get("category_id")).isEqualTo(tags.ids().subList(0, 2));
        load("res.partner", List.of("id", "category_id/id"), List.of(List.of("tagged", "tag_c")));
        assertThat(readOne("res.partner", id, "category_id").get("category_id")).isEqualTo(List.of(tags.ids().get(2)));
    }

    @Test
    void one2manyContinuationRowsAddLinesToThePreviousRecord() {
        LoadResult r = load("res.partner", List.of("id", "name", "is_company", "child_ids/name", "child_ids/email"), List.of(
                List.of("acme", "Acme", "1", "Alice", "alice@acme.test"),
                List.of("", "", "", "Bob", "bob@acme.test"),
                List.of("beta", "Beta", "1", "", "")));
        assertThat(r.messages()).isEmpty();
        assertThat(r.ids()).hasSize(2);
        List<Long> children = odoo.env().search("res.partner", List.of(List.of("parent_id", "=", r.ids().get(0))));
        assertThat(odoo.env().read("res.partner", children, "name", "email", "type"))
                .extracting(m -> m.get("name") + " " + m.get("email") + " " + m.get("type"))
                .containsExactlyInAnyOrder("Alice alice@acme.test contact", "Bob bob@acme.test contact");
        assertThat(odoo.env().search("res.partner", List.of(List.of("parent_id", "=", r.ids().get(1))))).isEmpty();
    }

    @Test
    void orderLinesFromContinuationRowsAndAnErrorSpanningTheRecordsRows() {
        load("res.partner", List.of("id", "name", "is_company"), List.of(List.of("cust", "Customer Co", "1")));
        LoadResult ok = load("sale.order", List.of("id", "partner_id/id", "order_line/name", "order_line/product_uom_qty"), List.of(
                List.of("so_1", "cust", "Line 1", "2"),
                List.of("", "", "Line 2", "3.5")));
        assertThat(ok.messages()).isEmpty();
        Map<String, Object> order = readOne("sale.order", ok.ids().get(0), "order_line", "partner_id", "partner_invoice_id");
        assertThat((List<?>) order.get("order_line")).hasSize(2);
        assertThat(order.get("partner_invoice_id")).isEqualTo(order.get("partner_id"));
        @SuppressWarnings("unchecked")
        List<Long> lines = (List<Long>) order.get("order_line");
        assertThat(odoo.env().read("sale.order.line", lines, "name", "product_uom_qty"))
                .extracting(m -> m.get("name") + "=" + m.get("product_uom_qty")).containsExactly("Line 1=2.0", "Line 2=3.5");

        LoadResult bad = load("sale.order", List.of("id", "partner_id/id", "order_line/name", "order_line/product_uom_qty"), List.of(
                List.of("so_2", "cust", "Line 1", "2"),
                List.of("", "", "Line 2", "lots")));
        assertThat(bad.ids()).isNull();
        assertThat(bad.messages()).singleElement().satisfies(m -> {
            assertThat(m.message()).isEqualTo("'lots' does not seem to be a number for field 'Order Lines/Quantity'");
            assertThat(m.rowFrom()).isEqualTo(0);
            assertThat(m.rowTo()).isEqualTo(1);
            assertThat(m.record()).isEqualTo(0);
        });
    }

    @Test
    void databaseIdReferencesResolveOrFailWithOdoosMessage() {
        long company = odoo.env().create("res.partner", Map.of("name", "Db Co", "is_company", true));
        LoadResult ok = load("res.partner", List.of("id", "name", "parent_id/.id"), List.of(List.of("by_db", "Child", String.valueOf(company))));
        assertThat(readOne("res.partner", ok.ids().get(0), "parent_id").get("parent_id")).isEqualTo(List.of(company, "Db Co"));
        LoadResult bad = load("res.partner", List.of("id", "name", "parent_id/.id"), List.of(List.of("by_db_2", "Child", "99999999")));
        assertSingleError(bad, "No matching record found for database id '99999999' in field 'Related Company'", 0, 0);
    }

    @Test
    void referencesByNameUseTheDisplayName() {
        LoadResult r = load("res.partner", List.of("id", "name", "country_id", "state_id"), List.of(List.of("named", "Named", "Canada", "Ontario")));
        assertThat(r.messages()).isEmpty();
        assertThat(readOne("res.partner", r.ids().get(0), "country_id", "state_id"))
                .containsEntry("country_id", List.of(38L, "Canada")).containsEntry("state_id", List.of(1L, "Ontario (CA)"));
    }

    @Test
    void emptyReferenceClearsTheLink() {
        LoadResult r = load("res.partner", List.of("id", "name", "is_company", "parent_id/id"),
                List.of(List.of("co_x", "Co X", "1", ""), List.of("ct_x", "Ct X", "0", "co_x")));
        long child = r.ids().get(1);
        load("res.partner", List.of("id", "parent_id/id"), List.of(List.of("ct_x", "")));
        assertThat(readOne("res.partner", child, "parent_id")).containsEntry("parent_id", false);
    }

    @Test
    void datesOnlyInOdoosFormat() {
        LoadResult ok = load("res.partner", List.of("id", "name", "date"), List.of(List.of("dated", "Dated", "2024-12-31")));
        assertThat(readOne("res.partner", ok.ids().get(0), "date")).containsEntry("date", "2024-12-31");
        LoadResult bad = load("res.partner", List.of("id", "name", "date"), List.of(List.of("dated_2", "Dated", "31/12/2024")));
        assertSingleError(bad, "'31/12/2024' does not seem to be a valid date for field 'Date'", 0, 0);
    }

    @Test
    void requiredValueMissingIsAMessage() {
        LoadResult r = load("res.partner.category", List.of("id", "name", "color"), List.of(List.of("cat_1", "", "3")));
        assertSingleError(r, "Missing required value for the field 'Tag Name' (name)", 0, 0);
    }

    @Test
    void uniqueConstraintIsAMessage() {
        odoo.env().create("crm.tag", Map.of("name", "Hot"));
        LoadResult r = load("crm.tag", List.of("id", "name"), List.of(List.of("t_ok", "Warm"), List.of("t_dup", "Hot")));
        assertSingleError(r, "The value for the field 'name' already exists (this is probably 'Tag Name' in the current model).", 1, 1);
        assertThat(odoo.env().search("crm.tag", List.of(List.of("name", "=", "Warm")))).isEmpty();
    }

    @Test
    void unknownColumnIsAFaultNotAMessage() {
        assertThatThrownBy(() -> load("res.partner", List.of("id", "name", "no_such_field"), List.of(List.of("u", "U", "x"))))
                .isInstanceOfSatisfying(OdooFault.class, f -> {
                    assertThat(f.code()).isEqualTo(1);
                    assertThat(f.faultString()).startsWith("Traceback (most recent call last):")
                            .endsWith("KeyError: 'no_such_field'\n");
                });
    }

    @Test
    void importLimitStopsEarlyAndReportsTheNextRow() {
        LoadResult r = client.load("res.partner", List.of("id", "name"),
                List.of(List.of("l_1", "L1"), List.of("l_2", "L2"), List.of("l_3", "L3")), Map.of("_import_limit", 2));
        assertThat(r.ids()).hasSize(2);
        assertThat(r.nextRow()).isEqualTo(2);
        assertThat(client.lookupExternalIds(List.of("l_1", "l_2", "l_3"))).containsOnlyKeys("l_1", "l_2");
    }

    @Test
    void moduleComesFromThePrefixOrTheContext() {
        load("res.partner", List.of("id", "name"), List.of(List.of("ferry_acme.partner_1", "Prefixed")));
        client.load("res.partner", List.of("id", "name"), List.of(List.of("partner_2", "From Context")), Map.of("module", "ferry_acme"));
        List<Map<String, Object>> rows = client.searchRead("ir.model.data", List.of(List.of("module", "=", "ferry_acme")),
                List.of("name", "model", "res_id"), 0, null, "name asc");
        assertThat(rows).extracting(m -> m.get("name") + "/" + m.get("model")).containsExactly("partner_1/res.partner", "partner_2/res.partner");
    }

    @Test
    void nameCreateEnabledFieldsCreatesMissingTags() {
        LoadResult r = client.load("res.partner", List.of("id", "name", "category_id"), List.of(List.of("nc", "NC", "Brand New Tag")),
                Map.of("name_create_enabled_fields", Map.of("category_id", true)));
        assertThat(r.messages()).isEmpty();
        assertThat(odoo.env().search("res.partner.category", List.of(List.of("name", "=", "Brand New Tag")))).hasSize(1);
    }

    @Test
    void contactUnderACompanyTakesItsAddressButADeliveryAddressKeepsItsOwn() {
        LoadResult r = load("res.partner", List.of("id", "name", "is_company", "type", "parent_id/id", "city", "country_id/id"), List.of(
                List.of("hq", "HQ Pty", "1", "", "", "Sydney", "base.au"),
                List.of("emp", "Employee", "0", "contact", "hq", "Perth", "base.ca"),
                List.of("dock", "Dock", "0", "delivery", "hq", "Perth", "base.ca")));
        assertThat(r.messages()).isEmpty();
        assertThat(readOne("res.partner", r.ids().get(1), "city", "country_id"))
                .containsEntry("city", "Sydney").containsEntry("country_id", List.of(13L, "Australia"));
        assertThat(readOne("res.partner", r.ids().get(2), "city")).containsEntry("city", "Perth");
        client.write("res.partner", List.of(r.ids().get(0)), Map.of("city", "Melbourne"));
        assertThat(readOne("res.partner", r.ids().get(1), "city")).containsEntry("city", "Melbourne");
        assertThat(readOne("res.partner", r.ids().get(2), "city")).containsEntry("city", "Perth");
    }
}
