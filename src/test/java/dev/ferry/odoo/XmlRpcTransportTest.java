package dev.ferry.odoo;

import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SharedCatalogs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link XmlRpcTransport} against the sandbox playing Odoo 17. */
class XmlRpcTransportTest extends SandboxContractTest {

    @Override
    protected OdooSandbox startSandbox() {
        return OdooSandbox.start(SharedCatalogs.of("17.0"));
    }

    @Override
    protected OdooClient connect(OdooSandbox sandbox) {
        return OdooClient.connect(new OdooServer(sandbox.url(), sandbox.database()),
                new Credentials(sandbox.login(), Secret.of(sandbox.password().toCharArray())), fastOptions(Protocol.AUTO));
    }

    @Override
    protected Protocol expectedProtocol() {
        return Protocol.XML_RPC;
    }

    @Test
    void versionIsOdoo17sAnswer() {
        ServerVersion v = client.version();
        assertThat(v.serverVersion()).isEqualTo("17.0-20240709");
        assertThat(v.versionInfo()).containsExactly(17L, 0L, 0L, "final", 0L, "");
        assertThat(v.protocolVersion()).isEqualTo(1);
    }

    @Test
    void wrongPasswordIsRefused() {
        try (XmlRpcTransport bad = new XmlRpcTransport(new OdooServer(odoo.url(), odoo.database()),
                new Credentials("admin", Secret.of("wrong-password".toCharArray())), fastOptions(Protocol.XML_RPC))) {
            assertThatThrownBy(bad::authenticate).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("login 'admin'").hasMessageNotContaining("wrong-password");
        }
    }

    @Test
    void apiKeyIsAcceptedAsPassword() {
        try (XmlRpcTransport withKey = new XmlRpcTransport(new OdooServer(odoo.url(), odoo.database()),
                new Credentials("admin", Secret.of(odoo.apiKey().toCharArray())), fastOptions(Protocol.XML_RPC))) {
            assertThat(withKey.authenticate()).isEqualTo(2L);
        }
    }

    @Test
    void unknownModelFaultIsOdoosText() {
        assertThatThrownBy(() -> client.searchCount("no.such.model", List.of()))
                .isInstanceOfSatisfying(OdooFault.class, f -> {
                    assertThat(f.code()).isEqualTo(2);
                    assertThat(f.faultString()).isEqualTo("Object no.such.model doesn't exist");
                });
    }

    @Test
    void unknownFieldFaultIsATracebackSummarizedByItsLastLine() {
        assertThatThrownBy(() -> client.create("res.partner", Map.of("name", "x", "no_such_field", 1)))
                .isInstanceOfSatisfying(OdooFault.class, f -> {
                    assertThat(f.code()).isEqualTo(1);
                    assertThat(f.faultString()).startsWith("Traceback (most recent call last):")
                            .endsWith("ValueError: Invalid field 'no_such_field' on model 'res.partner'\n");
                    assertThat(f.summary()).isEqualTo("ValueError: Invalid field 'no_such_field' on model 'res.partner'");
                    assertThat(f.getMessage()).isEqualTo("Odoo fault 1 on res.partner.create: "
                            + "ValueError: Invalid field 'no_such_field' on model 'res.partner'");
                });
    }

    @Test
    void nullValuesTravelAsNilAndAreStoredAsEmpty() {
        Map<String, Object> vals = new java.util.HashMap<>();
        vals.put("name", "Nil Test");
        vals.put("email", null);
        long id = client.create("res.partner", vals);
        assertThat(client.read("res.partner", List.of(id), List.of("email")).get(0)).containsEntry("email", false);
    }

    @Test
    void createOfADictOverRawExecuteAnswersAnIntLikeOdoo() {
        Object r = client.execute("res.partner", "create", List.of(Map.of("name", "Raw")), Map.of());
        assertThat(r).isInstanceOf(Long.class);
        Object list = client.execute("res.partner", "create", List.of(List.of(Map.of("name", "Raw 2"))), Map.of());
        assertThat(list).isInstanceOf(List.class);
    }
}
