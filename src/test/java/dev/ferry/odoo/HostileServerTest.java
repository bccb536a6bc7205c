package dev.ferry.odoo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The XML-RPC client against servers that attack it (stack.md §5). */
class HostileServerTest {
    private static final String SECRET = "s3cr3t-Pa55";

    @AfterEach
    void resetCanary() {
        Canary.fired = false;
    }

    private static XmlRpcTransport clientFor(HostileServer server) {
        ClientOptions options = ClientOptions.defaults().withProtocol(Protocol.XML_RPC)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.none());
        return new XmlRpcTransport(new OdooServer(server.url(), "db"),
                new Credentials("admin", Secret.of(SECRET.toCharArray())), options);
    }

    @Test
    void refusesADoctypeWithAnExternalEntityWithoutExpandingIt() throws IOException {
        String hostname = Files.exists(Path.of("/etc/hostname")) ? Files.readString(Path.of("/etc/hostname")).strip() : "";
        String attack = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>\n"
                + "<methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>";
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (HostileServer server = new HostileServer(attack); XmlRpcTransport client = clientFor(server)) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThatThrownBy(client::version)
                    .isInstanceOf(OdooProtocolException.class)
                    .hasMessageContaining("DOCTYPE is disallowed")
                    .satisfies(e -> {
                        if (!hostname.isEmpty()) {
                            assertThat(e.getMessage()).doesNotContain(hostname);
                        }
                    });
        } finally {
            System.setErr(originalErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("[Fatal Error]");
    }

    @Test
    void neverFetchesAnExternalDtd() throws Exception {
        try (HostileServer oob = new HostileServer("<x/>")) {
            String attack = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodResponse SYSTEM \"" + oob.url() + "/oob.dtd\">\n"
                    + "<methodResponse><params><param><value><string>x</string></value></param></params></methodResponse>";
            String paramEntity = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodResponse [<!ENTITY % p SYSTEM \"" + oob.url()
                    + "/p.dtd\"> %p;]>\n<methodResponse><params><param><value><string>x</string></value></param></params></methodResponse>";
            for (String body : List.of(attack, paramEntity)) {
                try (HostileServer server = new HostileServer(body); XmlRpcTransport client = clientFor(server)) {
                    assertThatThrownBy(client::version).isInstanceOf(OdooProtocolException.class);
                }
            }
            Thread.sleep(200);
            assertThat(oob.requests.get()).as("requests the DTD server received").isZero();
            // Control: the same document through a default JDK parser does reach the DTD server.
            SAXParserFactory plain = SAXParserFactory.newDefaultInstance();
            plain.setNamespaceAware(true);
            try {
                plain.newSAXParser().parse(new InputSource(new StringReader(attack)), new DefaultHandler());
            } catch (Exception malformedDtd) {
                // The DTD server answers garbage; what matters is that it was asked.
            }
            assertThat(oob.requests.get()).as("control: a default parser fetches the DTD").isPositive();
        }
    }

    @Test
    void refusesAnEntityExpansionBomb() throws IOException {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("]>\n<methodResponse><params><param><value><string>&lol9;</string></value></param></params></methodResponse>");
        try (HostileServer server = new HostileServer(bomb.toString()); XmlRpcTransport client = clientFor(server)) {
            assertThatThrownBy(client::version).isInstanceOf(OdooProtocolException.class).hasMessageContaining("DOCTYPE");
        }
    }

    @Test
    void faultCauseIsNeverDeserializedAndTheFaultIsPlain() throws IOException {
        try (HostileServer server = new HostileServer(HostileServer.faultWithCause()); XmlRpcTransport client = clientFor(server)) {
            assertThatThrownBy(() -> client.read("res.partner", List.of(1L), List.of("name")))
                    .isInstanceOfSatisfying(OdooFault.class, f -> {
                        assertThat(f.code()).isEqualTo(2);
                        assertThat(f.faultString()).isEqualTo("boom");
                        assertThat(f.getCause()).isNull();
                    });
        }
        assertThat(Canary.fired).isFalse();
    }

    /**
     * The surefire JVM runs with {@code -Djdk.serialFilter=!*}, which alone would stop the canary; so the real
     * check runs in a child JVM without the filter, where the stock client is shown to fire it first.
     */
    @Test
    void faultCauseIsNotDeserializedEvenWithoutAJvmSerialFilter() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DeserializationProbe.class.getName()).redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(out).as("probe output").contains("stock=true")
                .contains("ferry=false fault-2-boom-cause-none");
    }

    @Test
    void rejectsAJavaSerializedResultValue() throws IOException {
        String attack = "<?xml version=\"1.0\"?><methodResponse xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\">"
                + "<params><param><value><ex:serializable>" + Canary.payloadBase64() + "</ex:serializable></value></param>"
                + "</params></methodResponse>";
        try (HostileServer server = new HostileServer(attack); XmlRpcTransport client = clientFor(server)) {
            assertThatThrownBy(client::version).isInstanceOf(OdooProtocolException.class)
                    .hasMessageContaining("serializable");
        }
        assertThat(Canary.fired).isFalse();
    }

    @Test
    void readsPlainNilAndI8AsPythonSendsThem() throws IOException {
        String reply = "<?xml version='1.0'?><methodResponse><params><param><value><struct>"
                + "<member><name>nothing</name><value><nil/></value></member>"
                + "<member><name>big</name><value><i8>9007199254740993</i8></value></member>"
                + "<member><name>small</name><value><int>7</int></value></member>"
                + "<member><name>when</name><value><dateTime.iso8601>20240102T03:04:05</dateTime.iso8601></value></member>"
                + "</struct></value></param></params></methodResponse>";
        try (HostileServer server = new HostileServer(reply); XmlRpcTransport client = clientFor(server)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) client.execute("res.partner", "anything", List.of(), Map.of());
            assertThat(r).containsEntry("nothing", null).containsEntry("big", 9007199254740993L).containsEntry("small", 7L)
                    .containsEntry("when", "2024-01-02 03:04:05");
        }
    }

    @Test
    void secretEchoedByTheServerIsMaskedInTheException() throws IOException {
        try (HostileServer server = new HostileServer(HostileServer.fault(2, "bad password " + SECRET + " for you", ""));
             XmlRpcTransport client = clientFor(server)) {
            assertThatThrownBy(() -> client.read("res.partner", List.of(1L), List.of("name")))
                    .isInstanceOfSatisfying(OdooFault.class, f -> {
                        assertThat(f.getMessage()).doesNotContain(SECRET).contains("bad password **** for you");
                        assertThat(f.faultString()).doesNotContain(SECRET);
                    });
        }
    }

    @Test
    void nonXmlRpcHttpStatusIsAProtocolError() throws IOException {
        try (HostileServer server = new HostileServer("not xml at all"); XmlRpcTransport client = clientFor(server)) {
            assertThatThrownBy(client::version).isInstanceOf(OdooProtocolException.class)
                    .hasMessageContaining("refused the reply of version");
        }
    }
}
