package dev.ferry.run;

import dev.ferry.odoo.ClientOptions;
import dev.ferry.odoo.Credentials;
import dev.ferry.odoo.OdooClient;
import dev.ferry.odoo.OdooServer;
import dev.ferry.odoo.Protocol;
import dev.ferry.odoo.Secret;
import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SandboxSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox twin of {@link RealOdooIT}: the same {@link RoundTrip} scenario (server users, fallback owner,
 * counts, load, verify, rollback; load twice and roll both back), against the embedded sandbox, with the
 * protocol chosen from the server's version as the CLI does. Here the whole database can also be compared.
 */
class SandboxRoundTripTest {
    @TempDir
    Path work;

    /** A sandbox set up for the fixture's plan (apps, custom fields, the plan's users by login). */
    private static OdooSandbox sandbox(String version) {
        return Plans.sandbox(Plans.aspec(version));
    }

    /** Connected as the CLI connects: protocol AUTO, the API key as secret (JSON-2 takes nothing else). */
    private static OdooClient client(OdooSandbox odoo) {
        return OdooClient.connect(new OdooServer(odoo.url(), odoo.database()),
                new Credentials(odoo.login(), Secret.of(odoo.apiKey().toCharArray())), ClientOptions.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void loadVerifyAndRollBackLeaveEveryCountAsItWas(String version) {
        try (OdooSandbox odoo = sandbox(version); OdooClient client = client(odoo)) {
            RoundTrip trip = new RoundTrip(client, odoo.url(), odoo.database(), true, work);
            assertThat(trip.serie()).isEqualTo(version);
            assertThat(client.protocol()).isEqualTo(version.equals("19.0") ? Protocol.JSON_2 : Protocol.XML_RPC);
            Path plan = trip.compile(trip.serie(), "once");
            // Compiled with the server's own users: every owner the plan names is one of them.
            assertThat(RoundTrip.userIds(plan)).isSubsetOf(Set.copyOf(client.search("res.users", List.of(), 0, null, null)))
                    .contains(odoo.adminUid()).hasSizeGreaterThan(1);
            SandboxSnapshot before = odoo.snapshot();

            Verifier.Result v = trip.loadVerifyRollBack(plan);

            assertThat(v.records()).hasSize(372);
            assertThat(odoo.snapshot().differences(before)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"17.0", "19.0"})
    void theAscoraFixtureTakesTheSameRoundTrip(String version) {
        try (OdooSandbox odoo = Plans.sandbox(Plans.ascora(version)); OdooClient client = client(odoo)) {
            RoundTrip trip = new RoundTrip(RoundTrip.ASCORA, client, odoo.url(), odoo.database(), true, work);
            SandboxSnapshot before = odoo.snapshot();
            Verifier.Result v = trip.loadVerifyRollBack(trip.compile(version, "ascora-" + version));
            assertThat(v.records()).hasSizeGreaterThan(800);
            assertThat(odoo.snapshot().differences(before)).isEmpty();
        }
    }

    /** 17.0 only: it exercises the one refusal a second load may have; 19.0's JSON-2 path is covered above. */
    @Test
    void loadingTwiceCreatesNothingAndBothRunsRollBackLastFirst() {
        try (OdooSandbox odoo = sandbox("17.0"); OdooClient client = client(odoo)) {
            RoundTrip trip = new RoundTrip(client, odoo.url(), odoo.database(), true, work);
            Path plan = trip.compile(trip.serie(), "twice");
            SandboxSnapshot before = odoo.snapshot();

            trip.loadTwiceThenRollBackBoth(plan);

            assertThat(odoo.snapshot().differences(before)).isEmpty();
        }
    }
}
