package dev.ferry.odoo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calls the writer makes, and what Odoo answers them: the same assertions run against Ferry's sandbox (its
 * subclasses pick the protocol) and against each real Odoo server ({@link RealClientContractIT}), so the sandbox
 * cannot keep a belief a real server contradicts. The same assertions hold over XML-RPC and JSON-2, which is the
 * point of {@link OdooClient}.
 */
abstract class ClientContractTest {
    protected OdooClient client;

    /** Connects to the server under test (starting it first where the subclass owns it). */
    protected abstract OdooClient connect();

    protected abstract Protocol expectedProtocol();

    /** Releases what {@link #connect} started and undoes what the test wrote, where the server outlives the test. */
    protected void disconnect() {
    }

    @BeforeEach
    void setUp() {
        client = connect();
    }

    @AfterEach
    void tearDown() {
        try {
            disconnect();
        } finally {
            client.close();
        }
    }

    /** The database id of a record by external id, as the server resolves it. */
    protected long ref(String xid) {
        RecordRef r = client.lookupExternalIds(List.of(xid)).get(xid);
        assertThat(r).as("external id " + xid).isNotNull();
        return r.id();
    }

    static ClientOptions fastOptions(Protocol protocol) {
        return ClientOptions.defaults().withProtocol(protocol)
                .withTimeouts(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(10))
                .withRetry(new RetryPolicy(3, java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200), 2.0));
    }

    @Test
    void speaksTheExpectedProtocol() {
        assertThat(client.protocol()).isEqualTo(expectedProtocol());
    }

    @Test
    void versionReportsTheCatalogVersion() {
        ServerVersion v = client.version();
        assertThat(v.serverSerie()).matches("\\d\\d\\.0");
        assertThat(v.major()).isEqualTo(Integer.parseInt(v.serverSerie().substring(0, 2)));
        assertThat(v.versionInfo()).startsWith((long) v.major(), 0L, 0L, "final");
    }

    @Test
    void authenticateReturnsTheAdminUid() {
        assertThat(client.authenticate()).isEqualTo(2L);
    }

    @Test
    void createWithOneDictReturnsOneIdAndWithAListReturnsIdsInOrder() {
        long one = client.create("res.partner", Map.of("name", "Solo"));
        List<Long> many = client.create("res.partner", List.of(Map.of("name", "First"), Map.of("name", "Second")), null);
        assertThat(many).hasSize(2);
        assertThat(many.get(1)).isGreaterThan(many.get(0)).isGreaterThan(one);
        List<Map<String, Object>> rows = client.read("res.partner", many, List.of("name"));
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("First", "Second");
    }

    @Test
    void batchCreateWithOneBadDictSavesNothing() {
        long before = client.searchCount("res.partner", List.of());
        assertThatThrownBy(() -> client.create("res.partner",
                List.of(Map.of("name", "Good one"), Map.of("name", "Bad one", "type", "bogus")), null))
                .isInstanceOf(OdooFault.class)
                .satisfies(e -> assertThat(((OdooFault) e).summary()).contains("Wrong value for res.partner.type: 'bogus'"));
        assertThat(client.searchCount("res.partner", List.of())).isEqualTo(before);
        assertThat(client.search("res.partner", List.of(List.of("name", "=", "Good one")))).isEmpty();
    }

    @Test
    void readReturnsManyToOneAsIdAndNameAndEmptyAsFalse() {
        long canada = ref("base.ca");
        long id = client.create("res.partner", Map.of("name", "Maple Ltd", "country_id", canada, "is_company", true));
        Map<String, Object> row = client.read("res.partner", List.of(id), List.of("name", "country_id", "email", "type",
                "is_company", "parent_id")).get(0);
        assertThat(row).containsEntry("id", id).containsEntry("name", "Maple Ltd")
                .containsEntry("country_id", List.of(canada, "Canada"))
                .containsEntry("email", false).containsEntry("type", "contact")
                .containsEntry("is_company", true).containsEntry("parent_id", false);
    }

    @Test
    void writeChangesValuesAndUnlinkDeletes() {
        long id = client.create("res.partner", Map.of("name", "Before"));
        client.write("res.partner", List.of(id), Map.of("name", "After", "email", "a@example.com"));
        assertThat(client.read("res.partner", List.of(id), List.of("name", "email")).get(0))
                .containsEntry("name", "After").containsEntry("email", "a@example.com");
        client.unlink("res.partner", List.of(id));
        assertThat(client.read("res.partner", List.of(id), List.of("name"))).isEmpty();
    }

    @Test
    void writeOfAMissingIdIsAMissingRecordFault() {
        assertThatThrownBy(() -> client.write("res.partner", List.of(99999999L), Map.of("name", "x")))
                .isInstanceOfSatisfying(OdooFault.class, f -> {
                    assertThat(f.code()).isEqualTo(2);
                    assertThat(f.faultString()).isEqualTo(
                            "Record does not exist or has been deleted.\n(Record: res.partner(99999999,), User: 2)");
                });
    }

    @Test
    void searchReadFiltersOrdersAndLimits() {
        client.create("res.partner", List.of(Map.of("name", "Zed Qx", "email", "z@x.com"),
                Map.of("name", "Alpha Qx", "email", "a@x.com"), Map.of("name", "Mid Qx")), null);
        List<Map<String, Object>> rows = client.searchRead("res.partner",
                List.of(List.of("name", "ilike", "qx"), "|", List.of("email", "=", false), List.of("name", "<", "N")),
                List.of("name"), 0, 2, "name desc");
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("Mid Qx", "Alpha Qx");
        assertThat(client.searchRead("res.partner", List.of(List.of("name", "ilike", "qx")), List.of("name"), 1, 5, "name asc"))
                .extracting(r -> r.get("name")).containsExactly("Mid Qx", "Zed Qx");
        assertThat(client.search("res.partner", List.of(List.of("name", "in", List.of("Alpha Qx", "Mid Qx"))), 0, null, "name asc"))
                .hasSize(2);
        assertThat(client.searchCount("res.partner", List.of(List.of("name", "like", "Qx"), List.of("email", "=", false))))
                .isEqualTo(1);
        assertThat(client.searchCount("res.partner", List.of(List.of("name", "=like", "%Qx"), List.of("email", "not in", List.of("z@x.com")))))
                .isEqualTo(2);
        assertThat(client.searchCount("res.partner", List.of(List.of("name", "ilike", "qx"), "!", List.of("email", "ilike", "@x.com"))))
                .isEqualTo(1);
    }

    @Test
    void searchSkipsArchivedRecordsUnlessTheDomainNamesActive() {
        assertThat(client.search("res.partner", List.of(List.of("name", "=", "OdooBot")))).isEmpty();
        assertThat(client.search("res.partner", List.of(List.of("name", "=", "OdooBot"), List.of("active", "=", false))))
                .containsExactly(2L);
    }

    @Test
    void fieldsGetDescribesTheCatalogFields() {
        Map<String, Map<String, Object>> fields = client.fieldsGet("res.partner",
                List.of("string", "type", "required", "relation", "selection"));
        assertThat(fields.get("parent_id")).containsEntry("type", "many2one").containsEntry("relation", "res.partner")
                .containsEntry("string", "Related Company").doesNotContainKey("readonly");
        assertThat(fields.get("type")).containsKey("selection");
        assertThat((List<?>) fields.get("type").get("selection")).first().isEqualTo(List.of("contact", "Contact"));
    }

    @Test
    void loadImportsRowsAndReportsIds() {
        LoadResult r = client.load("res.partner", List.of("id", "name", "email"),
                List.of(List.of("load_a", "Load A", "la@example.com"), List.of("load_b", "Load B", "")), null);
        assertThat(r.saved()).isTrue();
        assertThat(r.messages()).isEmpty();
        assertThat(r.nextRow()).isZero();
        assertThat(client.lookupExternalIds(List.of("load_a", "__import__.load_b", "nope")))
                .containsOnlyKeys("load_a", "__import__.load_b")
                .containsEntry("load_a", new RecordRef("res.partner", r.ids().get(0)));
    }

    @Test
    void lookupExternalIdsResolvesOdooBaseData() {
        Map<String, RecordRef> refs = client.lookupExternalIds(List.of("base.ca", "base.state_us_27", "base.main_company",
                "mail.mail_activity_data_call", "base.model_res_partner"));
        assertThat(refs).hasSize(5);
        assertThat(refs.get("base.state_us_27").model()).isEqualTo("res.country.state");
        assertThat(client.read("res.country.state", List.of(refs.get("base.state_us_27").id()), List.of("name", "code")).get(0))
                .containsEntry("name", "New York").containsEntry("code", "NY");
    }

    @Test
    void unknownModelIsAFault() {
        assertThatThrownBy(() -> client.searchRead("no.such.model", List.of(), List.of("name")))
                .isInstanceOf(OdooFault.class);
    }
}
