package dev.ferry.odoo;

import dev.ferry.odoo.sandbox.OdooSandbox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ClientContractTest} against a sandbox started for each test; subclasses pick the version and protocol. */
abstract class SandboxContractTest extends ClientContractTest {
    protected OdooSandbox odoo;

    protected abstract OdooSandbox startSandbox();

    protected abstract OdooClient connect(OdooSandbox sandbox);

    @Override
    protected OdooClient connect() {
        odoo = startSandbox();
        return connect(odoo);
    }

    @Override
    protected void disconnect() {
        odoo.close();
    }

    /** A method a test registers on the sandbox; a real server has its own modules' methods instead. */
    @Test
    void genericExecuteCallsACustomMethodWithIds() {
        long id = client.create("res.partner", Map.of("name", "Caller"));
        odoo.registerMethod("res.partner", "action_archive_test", true, (env, ids, args) -> {
            env.write("res.partner", ids, Map.of("active", false));
            return true;
        });
        assertThat(client.execute("res.partner", "action_archive_test", List.of(List.of(id)), Map.of())).isEqualTo(true);
        assertThat(client.search("res.partner", List.of(List.of("id", "=", id)))).isEmpty();
    }
}
