package dev.ferry.odoo;

import dev.ferry.odoo.sandbox.CallMatcher;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SandboxCall;
import dev.ferry.odoo.sandbox.SandboxFault;
import dev.ferry.odoo.sandbox.SharedCatalogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a call is re-sent and when it is not, over both protocols, with the sandbox's fault injection. */
class RetryAndLostReplyTest {
    private OdooSandbox odoo17;
    private OdooSandbox odoo19;

    @BeforeEach
    void start() {
        odoo17 = OdooSandbox.start(SharedCatalogs.of("17.0"));
        odoo19 = OdooSandbox.start(SharedCatalogs.of("19.0"));
    }

    @AfterEach
    void stop() {
        odoo17.close();
        odoo19.close();
    }

    private static ClientOptions options(Protocol p, Duration readTimeout, int attempts) {
        return ClientOptions.defaults().withProtocol(p).withTimeouts(Duration.ofSeconds(2), readTimeout)
                .withRetry(new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofMillis(400), 2.0));
    }

    private static OdooClient xmlrpc(OdooSandbox s, ClientOptions o) {
        return new XmlRpcTransport(new OdooServer(s.url(), s.database()),
                new Credentials(s.login(), Secret.of(s.password().toCharArray())), o);
    }

    private static OdooClient json2(OdooSandbox s, ClientOptions o) {
        return new Json2Transport(new OdooServer(s.url(), s.database()),
                new Credentials(s.login(), Secret.of(s.apiKey().toCharArray())), o);
    }

    private static List<SandboxCall.Outcome> outcomes(OdooSandbox s) {
        return s.calls().stream().map(SandboxCall::outcome).toList();
    }

    @Test
    void writeIsRetriedWhenTheConnectionIsRefusedAndAppliedOnce() {
        OdooClient client = xmlrpc(odoo17, options(Protocol.XML_RPC, Duration.ofSeconds(5), 6));
        odoo17.faults().refuseConnectionsFor(Duration.ofMillis(500));
        long id = client.create("res.partner", Map.of("name", "After Refusal"));
        assertThat(odoo17.env().search("res.partner", List.of(List.of("name", "=", "After Refusal")))).containsExactly(id);
        assertThat(odoo17.calls()).extracting(SandboxCall::method).containsExactly("create");
    }

    @Test
    void givesUpAsUnreachableAfterTheLastAttempt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OdooClient client = new XmlRpcTransport(OdooServer.of("http://127.0.0.1:" + port, "db"),
                new Credentials("admin", Secret.of("pw".toCharArray())), options(Protocol.XML_RPC, Duration.ofSeconds(1), 3));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.create("res.partner", Map.of("name", "x")))
                .isInstanceOfSatisfying(OdooUnreachableException.class, e -> assertThat(e.attempts()).isEqualTo(3))
                .hasMessageContaining("after 3 attempts");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void faultsAreNeverRetried() {
        OdooClient client = xmlrpc(odoo17, options(Protocol.XML_RPC, Duration.ofSeconds(5), 4));
        odoo17.faults().failCall(CallMatcher.nth("create", 1), SandboxFault.userError("Nope, not today"));
        assertThatThrownBy(() -> client.create("res.partner", Map.of("name", "x")))
                .isInstanceOfSatisfying(OdooFault.class, f -> {
                    assertThat(f.code()).isEqualTo(2);
                    assertThat(f.faultString()).isEqualTo("Nope, not today");
                });
        assertThat(outcomes(odoo17)).containsExactly(SandboxCall.Outcome.INJECTED_FAULT);
        assertThat(odoo17.env().search("res.partner", List.of(List.of("name", "=", "x")))).isEmpty();
    }

    @Test
    void lostReplyOfAWriteIsReportedAndNotResent() {
        OdooClient client = xmlrpc(odoo17, options(Protocol.XML_RPC, Duration.ofSeconds(5), 4));
        odoo17.faults().dropReply(CallMatcher.nth("res.partner", "create", 1));
        assertThatThrownBy(() -> client.create("res.partner", Map.of("name", "Maybe Saved")))
                .isInstanceOfSatisfying(ReplyLostException.class, e -> {
                    assertThat(e.model()).isEqualTo("res.partner");
                    assertThat(e.method()).isEqualTo("create");
                })
                .hasMessageContaining("may or may not have been applied");
        assertThat(outcomes(odoo17)).containsExactly(SandboxCall.Outcome.REPLY_DROPPED);
        assertThat(odoo17.env().search("res.partner", List.of(List.of("name", "=", "Maybe Saved")))).hasSize(1);
    }

    @Test
    void lostReplyOfAReadIsSimplyReRead() {
        OdooClient client = xmlrpc(odoo17, options(Protocol.XML_RPC, Duration.ofSeconds(5), 4));
        odoo17.faults().dropReply(CallMatcher.nth("search_read", 1));
        assertThat(client.searchRead("res.partner", List.of(List.of("id", "=", 3)), List.of("name")))
                .extracting(r -> r.get("name")).containsExactly("Administrator");
        assertThat(outcomes(odoo17)).containsExactly(SandboxCall.Outcome.REPLY_DROPPED, SandboxCall.Outcome.OK);
    }

    @Test
    void writeTimingOutAfterSendingIsALostReply() {
        OdooClient client = xmlrpc(odoo17, options(Protocol.XML_RPC, Duration.ofMillis(300), 4));
        client.authenticate();
        odoo17.faults().delayReply(CallMatcher.nth("load", 1), Duration.ofMillis(1200));
        assertThatThrownBy(() -> client.load("res.partner", List.of("id", "name"), List.of(List.of("slow_1", "Slow")), null))
                .isInstanceOf(ReplyLostException.class).hasMessageContaining("no reply within 300 ms");
        assertThat(client.lookupExternalIds(List.of("slow_1"))).containsKey("slow_1");
        assertThat(odoo17.calls()).extracting(SandboxCall::method).containsExactly("load", "search_read");
    }

    @Test
    void status503IsRetriedEvenForAWrite() {
        OdooClient client = json2(odoo19, options(Protocol.JSON_2, Duration.ofSeconds(5), 4));
        odoo19.faults().answerStatus(CallMatcher.nth("create", 1), 503);
        long id = client.create("res.partner", Map.of("name", "Second Try"));
        assertThat(outcomes(odoo19)).containsExactly(SandboxCall.Outcome.INJECTED_STATUS, SandboxCall.Outcome.OK);
        assertThat(odoo19.env().search("res.partner", List.of(List.of("name", "=", "Second Try")))).containsExactly(id);
    }

    @Test
    void gatewayErrorOnAWriteIsALostReplyButOnAReadIsRetried() {
        OdooClient client = json2(odoo19, options(Protocol.JSON_2, Duration.ofSeconds(5), 4));
        odoo19.faults().answerStatus(CallMatcher.nth("write", 1), 504).answerStatus(CallMatcher.nth("read", 1), 502);
        assertThatThrownBy(() -> client.write("res.partner", List.of(3L), Map.of("email", "x@y.z")))
                .isInstanceOf(ReplyLostException.class).hasMessageContaining("HTTP 504");
        assertThat(client.read("res.partner", List.of(3L), List.of("name"))).hasSize(1);
        assertThat(odoo19.calls()).extracting(SandboxCall::method).containsExactly("write", "read", "read");
    }

    @Test
    void lostReplyOverJson2IsReportedToo() {
        OdooClient client = json2(odoo19, options(Protocol.JSON_2, Duration.ofSeconds(5), 4));
        odoo19.faults().dropReply(CallMatcher.nth("load", 1));
        assertThatThrownBy(() -> client.load("res.partner", List.of("id", "name"), List.of(List.of("j_1", "J One")), null))
                .isInstanceOf(ReplyLostException.class);
        assertThat(client.lookupExternalIds(List.of("j_1"))).containsKey("j_1");
    }

    @Test
    void injectedServerErrorKeepsItsTracebackSummary() {
        OdooClient client = json2(odoo19, options(Protocol.JSON_2, Duration.ofSeconds(5), 4));
        odoo19.faults().failCall(CallMatcher.call(1),
                SandboxFault.serverError("psycopg2.errors.SerializationFailure", "could not serialize access"));
        assertThatThrownBy(() -> client.create("res.partner", Map.of("name", "x")))
                .isInstanceOfSatisfying(OdooFault.class, f -> {
                    assertThat(f.httpStatus()).isEqualTo(500);
                    assertThat(f.errorName()).isEqualTo("psycopg2.errors.SerializationFailure");
                    assertThat(f.code()).isEqualTo(OdooFault.UNEXPECTED);
                });
        OdooClient x = xmlrpc(odoo17, options(Protocol.XML_RPC, Duration.ofSeconds(5), 4));
        odoo17.faults().failCall(CallMatcher.call(1),
                SandboxFault.serverError("psycopg2.errors.SerializationFailure", "could not serialize access"));
        assertThatThrownBy(() -> x.create("res.partner", Map.of("name", "x")))
                .isInstanceOfSatisfying(OdooFault.class, f ->
                        assertThat(f.summary()).isEqualTo("psycopg2.errors.SerializationFailure: could not serialize access"));
    }
}
