package dev.ferry.odoo;

import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SharedCatalogs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol choice and the small pieces shared by both transports. */
class OdooClientTest {

    private static OdooClient connect(OdooSandbox s, String secret, Protocol p) {
        return OdooClient.connect(new OdooServer(s.url(), s.database()),
                new Credentials(s.login(), Secret.of(secret.toCharArray())), ClientOptions.defaults().withProtocol(p));
    }

    @Test
    void autoPicksXmlRpcBefore19AndJson2From19() {
        for (String v : List.of("17.0", "18.0")) {
            try (OdooSandbox s = OdooSandbox.start(SharedCatalogs.of(v))) {
                assertThat(connect(s, s.password(), Protocol.AUTO).protocol()).as(v).isEqualTo(Protocol.XML_RPC);
            }
        }
        try (OdooSandbox s = OdooSandbox.start(SharedCatalogs.of("19.0"))) {
            OdooClient c = connect(s, s.apiKey(), Protocol.AUTO);
            assertThat(c.protocol()).isEqualTo(Protocol.JSON_2);
            assertThat(c.version().major()).isEqualTo(19);
        }
    }

    @Test
    void protocolCanBeForced() {
        try (OdooSandbox s = OdooSandbox.start(SharedCatalogs.of("19.0"))) {
            OdooClient c = connect(s, s.password(), Protocol.XML_RPC);
            assertThat(c.protocol()).isEqualTo(Protocol.XML_RPC);
            assertThat(c.searchCount("res.partner", List.of(List.of("id", "=", 3)))).isEqualTo(1);
        }
    }

    @Test
    void sameLoadGivesTheSameAnswerOverBothProtocols() {
        try (OdooSandbox s = OdooSandbox.start(SharedCatalogs.of("19.0"))) {
            List<String> fields = List.of("id", "name", "parent_id/id");
            LoadResult viaXml = connect(s, s.password(), Protocol.XML_RPC).load("res.partner", fields,
                    List.of(List.of("x_1", "X", "missing_parent")), Map.of());
            LoadResult viaJson = connect(s, s.apiKey(), Protocol.JSON_2).load("res.partner", fields,
                    List.of(List.of("x_1", "X", "missing_parent")), Map.of());
            assertThat(viaJson).isEqualTo(viaXml);
            assertThat(viaXml.messages()).singleElement().satisfies(m -> {
                assertThat(m.message()).isEqualTo("No matching record found for external id 'missing_parent' in field 'Related Company'");
                assertThat(m.field()).isEqualTo("parent_id");
            });
        }
    }

    @Test
    void faultSummaryTakesTheLastTracebackLineOrFoldsPlainText() {
        assertThat(OdooFault.summarize("Traceback (most recent call last):\n  File \"x\", line 1\nKeyError: 'a'\n"))
                .isEqualTo("KeyError: 'a'");
        assertThat(OdooFault.summarize("The operation cannot be completed:\n- Create/update: a mandatory field is not set."))
                .isEqualTo("The operation cannot be completed: - Create/update: a mandatory field is not set.");
    }

    @Test
    void retryDelaysGrowAndAreCapped() {
        RetryPolicy p = new RetryPolicy(6, java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(350), 2.0);
        assertThat(List.of(p.delayBefore(2), p.delayBefore(3), p.delayBefore(4), p.delayBefore(5)))
                .extracting(java.time.Duration::toMillis).containsExactly(100L, 200L, 350L, 350L);
    }
}
