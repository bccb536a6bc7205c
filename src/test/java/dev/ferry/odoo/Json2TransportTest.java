package dev.ferry.odoo;

import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SharedCatalogs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Json2Transport} against the sandbox playing Odoo 19. */
class Json2TransportTest extends SandboxContractTest {

    @Override
    protected OdooSandbox startSandbox() {
        return OdooSandbox.start(SharedCatalogs.of("19.0"));
    }

    @Override
    protected OdooClient connect(OdooSandbox sandbox) {
        return OdooClient.connect(new OdooServer(sandbox.url(), sandbox.database()),
                new Credentials(sandbox.login(), Secret.of(sandbox.apiKey().toCharArray())), fastOptions(Protocol.AUTO));
    }

    @Override
    protected Protocol expectedProtocol() {
        return Protocol.JSON_2;
    }

    @Test
    void badApiKeyIsAnAuthenticationError() {
        try (Json2Transport bad = new Json2Transport(new OdooServer(odoo.url(), odoo.database()),
                new Credentials("admin", Secret.of("0000000000000000000000000000000000000000".toCharArray())),
                fastOptions(Protocol.JSON_2))) {
            assertThatThrownBy(() -> bad.searchCount("res.partner", List.of()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("HTTP 401 werkzeug.exceptions.Unauthorized: Invalid apikey")
                    .hasMessageNotContaining("0000000000000000000000000000000000000000");
        }
    }

    @Test
    void wrongDatabaseHeaderIsReportedAsNotAJson2Answer() {
        try (Json2Transport wrongDb = new Json2Transport(new OdooServer(odoo.url(), "other_db"),
                new Credentials("admin", Secret.of(odoo.apiKey().toCharArray())), fastOptions(Protocol.JSON_2))) {
            assertThatThrownBy(() -> wrongDb.searchCount("res.partner", List.of()))
                    .isInstanceOf(OdooProtocolException.class)
                    .hasMessageContaining("HTTP 404 (text/html)").hasMessageContaining("'other_db'");
        }
    }

    @Test
    void errorBodiesBecomeFaultsWithStatusAndName() {
        assertThatThrownBy(() -> client.create("res.partner", Map.of("name", "x", "no_such_field", 1)))
                .isInstanceOfSatisfying(OdooFault.class, f -> {
                    assertThat(f.httpStatus()).isEqualTo(500);
                    assertThat(f.errorName()).isEqualTo("builtins.ValueError");
                    assertThat(f.faultString()).isEqualTo("Invalid field 'no_such_field' in 'res.partner'");
                    assertThat(f.code()).isEqualTo(OdooFault.UNEXPECTED);
                });
        assertThatThrownBy(() -> client.write("res.partner", List.of(99999999L), Map.of("name", "x")))
                .isInstanceOfSatisfying(OdooFault.class, f -> {
                    assertThat(f.httpStatus()).isEqualTo(404);
                    assertThat(f.errorName()).isEqualTo("odoo.exceptions.MissingError");
                    assertThat(f.isUserError()).isTrue();
                });
    }

    @Test
    void unknownModelAndMethodAre404() {
        assertThatThrownBy(() -> client.searchRead("no.such.model", List.of(), List.of("name")))
                .isInstanceOfSatisfying(OdooFault.class, f -> {
                    assertThat(f.httpStatus()).isEqualTo(404);
                    assertThat(f.faultString()).isEqualTo("the model 'no.such.model' does not exist");
                });
        assertThatThrownBy(() -> client.execute("res.partner", "no_such_method", List.of(), Map.of()))
                .isInstanceOfSatisfying(OdooFault.class, f ->
                        assertThat(f.faultString()).isEqualTo("The method 'res.partner.no_such_method' does not exist"));
    }

    @Test
    void positionalArgumentsOfUnknownMethodsMustBeNamed() {
        assertThatThrownBy(() -> client.execute("res.partner", "action_x", List.of(List.of(1L), "extra"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected at most the ids first");
    }

    @Test
    void authenticateFindsTheUserOfTheLogin() {
        assertThat(((Json2Transport) client).uid()).isNull();
        assertThat(client.authenticate()).isEqualTo(2L);
    }
}
