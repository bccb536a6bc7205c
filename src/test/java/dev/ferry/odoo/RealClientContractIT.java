package dev.ferry.odoo;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link ClientContractTest} against a real Odoo, opt-in like {@code RealOdooIT}: runs when {@code ODOO_URL},
 * {@code ODOO_DB}, {@code ODOO_USER} and {@code ODOO_API_KEY} or {@code ODOO_PASSWORD} are set, over the protocol
 * the server's version calls for ({@code ODOO_PROTOCOL} overrides). What a test creates is unlinked after it:
 * every record of the models the contract writes whose id is above the highest one before the test.
 */
@EnabledIfEnvironmentVariable(named = "ODOO_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ODOO_DB", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ODOO_USER", matches = ".+")
class RealClientContractIT extends ClientContractTest {
    private static final List<String> WRITTEN = List.of("res.partner");
    private long maxPartner;

    private static boolean set(String variable) {
        String v = System.getenv(variable);
        return v != null && !v.isEmpty();
    }

    private static Protocol requested() {
        String p = set("ODOO_PROTOCOL") ? System.getenv("ODOO_PROTOCOL").toLowerCase(Locale.ROOT) : "auto";
        return switch (p) {
            case "xml-rpc" -> Protocol.XML_RPC;
            case "json-2" -> Protocol.JSON_2;
            default -> Protocol.AUTO;
        };
    }

    @Override
    protected OdooClient connect() {
        assumeTrue(set("ODOO_API_KEY") || set("ODOO_PASSWORD"), "ODOO_API_KEY or ODOO_PASSWORD is not set");
        OdooClient c = OdooClient.connect(OdooServer.of(System.getenv("ODOO_URL"), System.getenv("ODOO_DB")),
                Credentials.fromEnv(System.getenv("ODOO_USER"), set("ODOO_API_KEY") ? "ODOO_API_KEY" : "ODOO_PASSWORD"),
                fastOptions(requested()));
        List<Long> top = c.search("res.partner", List.of(List.of("active", "in", List.of(true, false))), 0, 1, "id desc");
        maxPartner = top.isEmpty() ? 0 : top.get(0);
        return c;
    }

    @Override
    protected void disconnect() {
        for (String model : WRITTEN) {
            List<Long> made = client.search(model, List.of(List.of("id", ">", maxPartner),
                    List.of("active", "in", List.of(true, false))));
            if (!made.isEmpty()) {
                client.unlink(model, made);
            }
        }
    }

    @Override
    protected Protocol expectedProtocol() {
        Protocol p = requested();
        return p != Protocol.AUTO ? p : client.version().major() >= 19 ? Protocol.JSON_2 : Protocol.XML_RPC;
    }
}
