package dev.ferry.odoo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passwords and API keys stay out of every string Ferry can print. */
class SecretTest {
    private static final String VALUE = "correct-horse-battery-staple";

    @Test
    void printsAsMaskEverywhere() {
        Secret s = Secret.of(VALUE.toCharArray());
        Credentials c = new Credentials("admin", s);
        assertThat(s.toString()).isEqualTo("****");
        assertThat(c.toString()).isEqualTo("Credentials[login=admin, secret=****]");
        try (XmlRpcTransport t = new XmlRpcTransport(OdooServer.of("http://127.0.0.1:1", "db"), c, ClientOptions.defaults())) {
            assertThat(t.toString()).doesNotContain(VALUE).contains("login=admin");
        }
    }

    @Test
    void readsFromAnEnvironmentVariable() {
        assertThat(Secret.fromEnv("ODOO_PASSWORD", Map.of("ODOO_PASSWORD", VALUE)).matches(VALUE)).isTrue();
        assertThatThrownBy(() -> Secret.fromEnv("ODOO_PASSWORD", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable ODOO_PASSWORD is not set or empty; expected the Odoo password or API key in it");
    }

    @Test
    void readsFromAFileDroppingTheTrailingNewline(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("odoo.key");
        Files.writeString(file, VALUE + "\n");
        Secret s = Secret.fromFile(file);
        assertThat(s.matches(VALUE)).isTrue();
        assertThat(s.matches(VALUE + "\n")).isFalse();
        assertThat(Credentials.fromFile("admin", file).secret().matches(VALUE)).isTrue();
        assertThatThrownBy(() -> Secret.fromFile(dir.resolve("missing.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read (NoSuchFileException)");
    }

    @Test
    void redactsEchoes() {
        Secret s = Secret.of(VALUE.toCharArray());
        assertThat(s.redact("x " + VALUE + " y " + VALUE)).isEqualTo("x **** y ****");
        assertThat(s.matches("correct-horse")).isFalse();
    }

    @Test
    void neverAppearsInTransportFailures() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ClientOptions o = ClientOptions.defaults().withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300))
                .withRetry(RetryPolicy.none());
        Credentials c = new Credentials("admin", Secret.of(VALUE.toCharArray()));
        for (OdooClient client : List.of(
                new XmlRpcTransport(OdooServer.of("http://127.0.0.1:" + port, "db"), c, o.withProtocol(Protocol.XML_RPC)),
                new Json2Transport(OdooServer.of("http://127.0.0.1:" + port, "db"), c, o.withProtocol(Protocol.JSON_2)))) {
            assertThatThrownBy(() -> client.create("res.partner", Map.of("name", "x")))
                    .isInstanceOf(OdooUnreachableException.class)
                    .satisfies(e -> assertThat(fullTrace(e)).doesNotContain(VALUE));
        }
    }

    @Test
    void urlsWithCredentialsAreRefused() {
        assertThatThrownBy(() -> OdooServer.of("https://admin:" + VALUE + "@odoo.example.com", "db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(VALUE).hasMessageContaining("carries user info");
    }

    private static String fullTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
