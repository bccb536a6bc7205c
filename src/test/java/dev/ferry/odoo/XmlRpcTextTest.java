package dev.ferry.odoo;

import dev.ferry.odoo.sandbox.OdooSandbox;
import dev.ferry.odoo.sandbox.SharedCatalogs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exact bytes the XML-RPC client writes for hostile text, and what it reads from Odoo's replies. Odoo parses
 * requests with expat, which refuses references to surrogates and turns a raw CR into LF; so the assertions are on
 * bytes, not on a round trip through a Java parser that might be as lenient as our writer is wrong.
 */
class XmlRpcTextTest {
    private static final String CREATED = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
            + "<value><int>7</int></value>\n</param>\n</params>\n</methodResponse>\n";

    private static XmlRpcTransport clientFor(HostileServer server) {
        ClientOptions options = ClientOptions.defaults().withProtocol(Protocol.XML_RPC)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetry(RetryPolicy.none());
        return new XmlRpcTransport(new OdooServer(server.url(), "db"),
                new Credentials("admin", Secret.of("pw".toCharArray())), options);
    }

    /** The hex of the bytes the client wrote for the value of field "name" in a create. */
    private static String bytesOfName(String value) throws IOException {
        try (HostileServer server = new HostileServer(CREATED); XmlRpcTransport client = clientFor(server)) {
            client.execute("res.partner", "create", List.of(Map.of("name", value)), Map.of());
            byte[] call = server.lastCall;
            byte[] open = "<name>name</name><value>".getBytes(StandardCharsets.US_ASCII);
            int from = indexOf(call, open, 0) + open.length;
            int to = indexOf(call, "</value>".getBytes(StandardCharsets.US_ASCII), from);
            byte[] cut = new byte[to - from];
            System.arraycopy(call, from, cut, 0, cut.length);
            return HexFormat.ofDelimiter(" ").formatHex(cut);
        }
    }

    private static String hex(String s) {
        return HexFormat.ofDelimiter(" ").formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not in the request: " + new String(needle, StandardCharsets.US_ASCII));
    }

    @Test
    void writesCharactersOutsideTheBasicPlaneAsTheirUtf8Bytes() throws IOException {
        assertThat(bytesOfName("x😀y")).isEqualTo("78 f0 9f 98 80 79");
        assertThat(bytesOfName("𝔘𠀀")).isEqualTo("f0 9d 94 98 f0 a0 80 80");
    }

    @Test
    void writesRightToLeftTextAndCombiningMarksUntouched() throws IOException {
        assertThat(bytesOfName("שלום")).isEqualTo("d7 a9 d7 9c d7 95 d7 9d");
        assertThat(bytesOfName("مرحبا")).isEqualTo("d9 85 d8 b1 d8 ad d8 a8 d8 a7");
        assertThat(bytesOfName("e\u0301")).isEqualTo("65 cc 81");
        assertThat(bytesOfName("Café \u202Bשלום\u202C")).isEqualTo(hex("Café \u202Bשלום\u202C"));
    }

    @Test
    void writesCarriageReturnsAsReferencesAndTabsAndLineFeedsRaw() throws IOException {
        assertThat(bytesOfName("a\r\nb\rc")).isEqualTo(hex("a&#13;\nb&#13;c"));
        assertThat(bytesOfName("a\tb\nc")).isEqualTo("61 09 62 0a 63");
    }

    @Test
    void escapesMarkupCharacters() throws IOException {
        assertThat(bytesOfName("<b>&amp;]]>")).isEqualTo(hex("&lt;b&gt;&amp;amp;]]&gt;"));
    }

    @Test
    void refusesAControlCharacterBeforeSendingAnythingAndNamesOnlyItsCodePoint() throws IOException {
        try (HostileServer server = new HostileServer(CREATED); XmlRpcTransport client = clientFor(server)) {
            assertThatThrownBy(() -> client.execute("res.partner", "create",
                    List.of(Map.of("name", "ring\u0007bell")), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a text value holds U+0007 at index 4, which XML 1.0 cannot carry, so XML-RPC cannot"
                            + " send it; remove it from the value");
            assertThatThrownBy(() -> client.execute("res.partner", "create",
                    List.of(Map.of("name", "half \ud83d")), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+D83D at index 5");
            assertThat(server.lastCall).isNull();
        }
    }

    @Test
    void writesAWellFormedUtf8DocumentWithItsDeclaration() throws Exception {
        try (HostileServer server = new HostileServer(CREATED); XmlRpcTransport client = clientFor(server)) {
            client.execute("res.partner", "create", List.of(Map.of("name", "😀 \r\n e\u0301")), Map.of());
            String call = new String(server.lastCall, StandardCharsets.UTF_8);
            assertThat(call).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodCall><methodName>execute_kw"
                    + "</methodName><params><param><value>db</value></param>");
            List<String> text = new ArrayList<>();
            SAXParserFactory.newDefaultInstance().newSAXParser().parse(new InputSource(
                    new ByteArrayInputStream(server.lastCall)), new DefaultHandler() {
                        @Override
                        public void characters(char[] ch, int start, int length) {
                            text.add(new String(ch, start, length));
                        }
                    });
            assertThat(String.join("", text)).contains("😀 \r\n e\u0301");
        }
    }

    @Test
    void readsCarriageReturnsOdooWritesRawAsCarriageReturns() throws IOException {
        String reply = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
                + "<value><string>a\r\nb\rc 😀 &#128512; \u0085</string></value>\n</param>\n</params>\n</methodResponse>\n";
        try (HostileServer server = new HostileServer(reply); XmlRpcTransport client = clientFor(server)) {
            assertThat(client.execute("res.partner", "name_get", List.of(), Map.of()))
                    .isEqualTo("a\r\nb\rc 😀 😀 \u0085");
        }
    }

    /**
     * What makes the compiler remove control characters: JSON-2 stores them, but Odoo's XML-RPC marshaller drops
     * them from its answers (CONTROL_CHARACTERS in rpc.py, seen on 17.0 to 19.0), and so does the sandbox.
     */
    @Test
    void sandboxAnswersOverXmlRpcWithoutTheControlCharactersJson2Stored() {
        try (OdooSandbox odoo = OdooSandbox.start(SharedCatalogs.of("19.0"));
             OdooClient json = OdooClient.connect(new OdooServer(odoo.url(), odoo.database()),
                     new Credentials(odoo.login(), Secret.of(odoo.apiKey().toCharArray())),
                     ClientContractTest.fastOptions(Protocol.JSON_2));
             OdooClient xml = OdooClient.connect(new OdooServer(odoo.url(), odoo.database()),
                     new Credentials(odoo.login(), Secret.of(odoo.apiKey().toCharArray())),
                     ClientContractTest.fastOptions(Protocol.XML_RPC))) {
            long id = json.create("res.partner", Map.of("name", "ring\u0007bell", "street", "a\r\nb\tc 😀"));
            assertThat(json.read("res.partner", List.of(id), List.of("name")).get(0)).containsEntry("name", "ring\u0007bell");
            assertThat(xml.read("res.partner", List.of(id), List.of("name", "street")).get(0))
                    .containsEntry("name", "ringbell").containsEntry("street", "a\r\nb\tc 😀");
        }
    }

    @Test
    void escapesOnlyTheCarriageReturnsOfCharacterData() {
        byte[] in = "<?xml version='1.0'?>\r\n<a\r\n>x\r\ny</a>".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(HardenedHttpTransport.keepCarriageReturns(in), StandardCharsets.UTF_8))
                .isEqualTo("<?xml version='1.0'?>&#13;\n<a\r\n>x&#13;\ny</a>");
        byte[] plain = "<a>x</a>".getBytes(StandardCharsets.UTF_8);
        assertThat(HardenedHttpTransport.keepCarriageReturns(plain)).isSameAs(plain);
    }
}
