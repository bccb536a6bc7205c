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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox's own promises: base data, snapshots, the call log, fault rules, and the mail models. */
class OdooSandboxTest {
    private OdooSandbox odoo;
    private OdooClient client;

    @BeforeEach
    void start() {
        odoo = OdooSandbox.builder(SharedCatalogs.of("17.0"))
                .clock(Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC)).start();
        client = OdooClient.connect(new OdooServer(odoo.url(), odoo.database()),
                new Credentials(odoo.login(), Secret.of(odoo.password().toCharArray())),
                ClientOptions.defaults().withProtocol(Protocol.XML_RPC));
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void seedsOdoosBaseRecordsWithTheirExternalIds() {
        SandboxEnv env = odoo.env();
        assertThat(env.read("res.users", List.of(2L), "login", "partner_id").get(0))
                .containsEntry("login", "admin").containsEntry("partner_id", List.of(3L, "Administrator"));
        assertThat(env.read("res.partner", List.of(1L), "name", "is_company").get(0)).containsEntry("is_company", true);
        assertThat(env.ref("base.main_company")).isEqualTo(1L);
        for (String state : List.of("base.state_ca_on", "base.state_ca_qc", "base.state_ca_bc", "base.state_ca_ab",
                "base.state_ca_ns", "base.state_us_27", "base.state_us_35")) {
            assertThat(env.ref(state)).as(state).isNotNull();
        }
        assertThat(env.read("res.country.state", List.of(env.ref("base.state_us_35")), "display_name").get(0))
                .containsEntry("display_name", "Michigan (US)");
        assertThat(env.read("res.currency", List.of(env.ref("base.CAD"), env.ref("base.USD")), "name"))
                .extracting(m -> m.get("name")).containsExactly("CAD", "USD");
        for (String x : List.of("mail.mail_activity_data_call", "mail.mail_activity_data_email", "mail.mail_activity_data_meeting",
                "mail.mail_activity_data_todo", "mail.mt_note", "mail.mt_comment", "base.au", "crm.model_crm_lead")) {
            assertThat(env.ref(x)).as(x).isNotNull();
        }
        assertThat(env.search("ir.model", List.of(List.of("model", "=", "mail.activity")))).hasSize(1);
    }

    @Test
    void snapshotAfterUndoingALoadEqualsTheSnapshotBefore() {
        SandboxSnapshot before = odoo.snapshot();
        LoadResult r = client.load("res.partner", List.of("id", "name", "is_company", "category_id"),
                List.of(List.of("s1", "Snap One", "1", ""), List.of("s2", "Snap Two", "0", "")), null);
        client.write("res.partner", List.of(3L), Map.of("email", "admin@example.com"));
        assertThat(odoo.snapshot()).isNotEqualTo(before);
        assertThat(odoo.snapshot().differences(before)).contains("res.partner#3.email: admin@example.com -> null");

        client.unlink("res.partner", r.ids());
        client.write("res.partner", List.of(3L), Map.of("email", false));
        assertThat(odoo.snapshot().differences(before)).isEmpty();
        assertThat(odoo.snapshot()).isEqualTo(before);
    }

    @Test
    void snapshotIsImmutable() {
        SandboxSnapshot s = odoo.snapshot();
        assertThatThrownBy(() -> s.records("res.partner").remove(1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.records("res.partner").get(1L).put("name", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void countsWritingCallsSeparatelyFromReads() {
        client.load("res.partner", List.of("id", "name"), List.of(List.of("w1", "W")), null);
        client.searchRead("res.partner", List.of(), List.of("name"));
        client.lookupExternalIds(List.of("w1"));
        assertThat(odoo.writeCallCount()).isEqualTo(1);
        assertThat(odoo.callCount()).isEqualTo(3);
        assertThat(odoo.calls()).extracting(SandboxCall::method).containsExactly("load", "search_read", "search_read");
        assertThat(odoo.calls()).extracting(SandboxCall::protocol).containsOnly("xmlrpc");
    }

    @Test
    void faultRulesFireOnTheNthMatchingCallOnlyOnce() {
        odoo.faults().failCall(CallMatcher.nth("res.partner", "load", 2), SandboxFault.userError("second batch refused"));
        assertThat(client.load("res.partner", List.of("id", "name"), List.of(List.of("b1", "B1")), null).saved()).isTrue();
        client.searchCount("res.partner", List.of());
        assertThatThrownBy(() -> client.load("res.partner", List.of("id", "name"), List.of(List.of("b2", "B2")), null))
                .isInstanceOf(OdooFault.class).hasMessageContaining("second batch refused");
        assertThat(client.load("res.partner", List.of("id", "name"), List.of(List.of("b2", "B2")), null).saved()).isTrue();
        assertThat(odoo.calls()).extracting(SandboxCall::outcome).containsExactly(SandboxCall.Outcome.OK,
                SandboxCall.Outcome.OK, SandboxCall.Outcome.INJECTED_FAULT, SandboxCall.Outcome.OK);
    }

    @Test
    void delayedRepliesStillArrive() {
        odoo.faults().delayAllReplies(Duration.ofMillis(150));
        long start = System.nanoTime();
        client.searchCount("res.partner", List.of());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        odoo.faults().clear();
    }

    @Test
    void createdRecordsGetAChatterMessageUnlessTrackingIsDisabled() {
        long logged = client.create("res.partner", Map.of("name", "Chatty"));
        long quiet = client.create("res.partner", List.of(Map.of("name", "Quiet")), Map.of("tracking_disable", true)).get(0);
        List<Map<String, Object>> messages = client.searchRead("mail.message",
                List.of(List.of("model", "=", "res.partner"), List.of("res_id", "in", List.of(logged, quiet))),
                List.of("res_id", "body", "message_type", "subtype_id", "date"));
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("res_id", logged).containsEntry("body", "<p>Contact created</p>")
                    .containsEntry("message_type", "notification").containsEntry("date", "2025-03-04 05:06:07");
            assertThat(m.get("subtype_id")).isEqualTo(List.of(odoo.env().ref("mail.mt_note"), "Note"));
        });
        client.unlink("res.partner", List.of(logged));
        assertThat(client.searchCount("mail.message", List.of(List.of("model", "=", "res.partner"),
                List.of("res_id", "=", logged)))).isZero();
    }

    @Test
    void activitiesAcceptResModelAndResId() {
        long partner = client.create("res.partner", Map.of("name", "Follow Up"));
        long activity = client.create("mail.activity", Map.of("res_model", "res.partner", "res_id", partner,
                "activity_type_id", odoo.env().ref("mail.mail_activity_data_call"), "summary", "Call back"));
        Map<String, Object> row = client.read("mail.activity", List.of(activity),
                List.of("res_model", "res_model_id", "res_id", "user_id", "date_deadline", "display_name")).get(0);
        assertThat(row).containsEntry("res_model", "res.partner").containsEntry("res_id", partner)
                .containsEntry("user_id", List.of(2L, "Administrator")).containsEntry("date_deadline", "2025-03-04")
                .containsEntry("display_name", "Call back");
        assertThat(((List<?>) row.get("res_model_id")).get(0)).isEqualTo(odoo.env().ref("base.model_res_partner"));
        assertThatThrownBy(() -> client.create("mail.activity", Map.of("res_model", "res.partner", "res_id", 99999999)))
                .isInstanceOf(OdooFault.class).hasMessageContaining("res.partner(99999999,)");
        client.unlink("res.partner", List.of(partner));
        assertThat(client.read("mail.activity", List.of(activity), List.of("summary"))).isEmpty();
    }

    @Test
    void deletingARecordStillRequiredElsewhereIsRefusedAndOrderLinesCascade() {
        long customer = client.create("res.partner", Map.of("name", "Buyer", "is_company", true));
        long order = client.create("sale.order", Map.of("partner_id", customer,
                "order_line", List.of(List.of(0, 0, Map.of("name", "Widget", "product_uom_qty", 2)))));
        assertThatThrownBy(() -> client.unlink("res.partner", List.of(customer)))
                .isInstanceOfSatisfying(OdooFault.class, f -> assertThat(f.faultString())
                        .contains("Model: Sales Order (sale.order)\nConstraint: sale_order_partner_id_fkey"));
        List<Long> lines = client.search("sale.order.line", List.of(List.of("order_id", "=", order)));
        assertThat(lines).hasSize(1);
        client.unlink("sale.order", List.of(order));
        assertThat(client.read("sale.order.line", lines, List.of("name"))).isEmpty();
        client.unlink("res.partner", List.of(customer));
    }

    @Test
    void unlinkRemovesTheExternalIdSoAReloadCreatesAgain() {
        LoadResult first = client.load("res.partner", List.of("id", "name"), List.of(List.of("gone", "Gone")), null);
        client.unlink("res.partner", first.ids());
        assertThat(client.lookupExternalIds(List.of("gone"))).isEmpty();
        LoadResult again = client.load("res.partner", List.of("id", "name"), List.of(List.of("gone", "Back")), null);
        assertThat(again.ids().get(0)).isNotEqualTo(first.ids().get(0));
    }

    @Test
    void domainsFollowRelationsAndHierarchies() {
        long co = client.create("res.partner", Map.of("name", "Root Co", "is_company", true, "country_id", odoo.env().ref("base.ca")));
        long child = client.create("res.partner", Map.of("name", "Kid", "parent_id", co));
        assertThat(client.search("res.partner", List.of(List.of("parent_id.country_id.code", "=", "CA")))).containsExactly(child);
        assertThat(client.search("res.partner", List.of(List.of("id", "child_of", co)), 0, null, "id asc")).containsExactly(co, child);
        assertThat(client.search("res.partner", List.of(List.of("country_id", "ilike", "canad")))).contains(co, child);
        assertThat(client.search("res.partner", List.of(List.of("child_ids", "!=", false)))).containsExactly(co);
        assertThat(client.search("res.partner", List.of(List.of("parent_id", "=", false), List.of("name", "=ilike", "root%"))))
                .containsExactly(co);
    }

    @Test
    void comparisonOperatorsOnNumbersAndDates() {
        SandboxEnv env = odoo.env();
        long low = env.create("res.partner.category", Map.of("name", "Low", "color", 1));
        long mid = env.create("res.partner.category", Map.of("name", "Mid", "color", 5));
        long high = env.create("res.partner.category", Map.of("name", "High", "color", 9));
        assertThat(client.search("res.partner.category", List.of(List.of("color", ">", 1), List.of("color", "<=", 9)), 0, null, "color asc"))
                .containsExactly(mid, high);
        assertThat(client.search("res.partner.category", List.of(List.of("color", ">=", 5), List.of("color", "<", 9)))).containsExactly(mid);
        assertThat(client.search("res.partner.category", List.of(List.of("color", "not in", List.of(5, 9)), List.of("name", "!=", "x"))))
                .containsExactly(low);
        long early = env.create("res.partner", Map.of("name", "Early", "date", "2024-01-15"));
        env.create("res.partner", Map.of("name", "Late", "date", "2024-06-30"));
        assertThat(client.search("res.partner", List.of(List.of("date", "<", "2024-03-01")))).containsExactly(early);
    }

    @Test
    void contextFlagsSuppressTheCreationMessage() {
        for (String flag : List.of("mail_create_nolog", "mail_create_nosubscribe", "mail_notrack")) {
            long id = client.create("res.partner", List.of(Map.of("name", "Quiet " + flag)), Map.of(flag, true)).get(0);
            assertThat(client.searchCount("mail.message", List.of(List.of("model", "=", "res.partner"), List.of("res_id", "=", id))))
                    .as(flag).isZero();
        }
    }

    @Test
    void registeredMethodsRunInsideTheCallTransaction() {
        long id = client.create("res.partner", Map.of("name", "Confirm Me"));
        odoo.registerMethod("res.partner", "action_fail_half_way", true, (env, ids, args) -> {
            env.write("res.partner", ids, Map.of("name", "Half Done"));
            throw env.userError("cannot finish");
        });
        assertThatThrownBy(() -> client.execute("res.partner", "action_fail_half_way", List.of(List.of(id)), Map.of()))
                .isInstanceOfSatisfying(OdooFault.class, f -> assertThat(f.faultString()).isEqualTo("cannot finish"));
        assertThat(client.read("res.partner", List.of(id), List.of("name")).get(0)).containsEntry("name", "Confirm Me");
    }

    @Test
    void createAndWriteDatesComeFromTheClock() {
        long id = client.create("res.partner", Map.of("name", "Dated"));
        assertThat(client.read("res.partner", List.of(id), List.of("create_date", "write_date", "create_uid")).get(0))
                .containsEntry("create_date", "2025-03-04 05:06:07").containsEntry("write_date", "2025-03-04 05:06:07")
                .containsEntry("create_uid", List.of(2L, "Administrator"));
    }

    @Test
    void nameSearchAndNameCreate() {
        client.create("res.partner", Map.of("name", "Searchable Pty", "email", "hello@search.test"));
        @SuppressWarnings("unchecked")
        List<List<Object>> found = (List<List<Object>>) client.execute("res.partner", "name_search", List.of("search"), Map.of("limit", 5));
        assertThat(found).extracting(p -> p.get(1)).containsExactly("Searchable Pty");
        @SuppressWarnings("unchecked")
        List<Object> created = (List<Object>) client.execute("crm.tag", "name_create", List.of("Fresh"), Map.of());
        assertThat(created.get(1)).isEqualTo("Fresh");
    }
}
