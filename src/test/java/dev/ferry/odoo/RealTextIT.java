package dev.ferry.odoo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile text against a real Odoo, opt-in like {@code RealOdooIT}: runs only when {@code ODOO_URL}, {@code ODOO_DB},
 * {@code ODOO_USER} and {@code ODOO_API_KEY} or {@code ODOO_PASSWORD} are set; {@code ODOO_PROTOCOL} ({@code auto},
 * {@code xml-rpc}, {@code json-2}) picks the transport. It creates res.partner records through {@code create} and
 * through {@code load}, reads them back, asserts every value is stored exactly, and unlinks them. The fields store
 * text as given: {@code name} and {@code street} are char, {@code picking_warn_msg} (stock) is text in 17.0, 18.0
 * and 19.0; {@code comment} is html everywhere and is left out, since Odoo wraps and sanitises it.
 */
@EnabledIfEnvironmentVariable(named = "ODOO_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ODOO_DB", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ODOO_USER", matches = ".+")
class RealTextIT {
    private static final List<String> FIELDS = List.of("name", "street", "picking_warn_msg");

    /** Label → text; each record's name is the label followed by the text, unless the text is long. */
    private static final Map<String, String> TEXTS = texts();

    private static OdooClient client;
    private static String secretVariable;

    private static Map<String, String> texts() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("non-bmp", "Emoji 😀, Fraktur 𝔘, CJK Extension B 𠀀, flag 🇨🇦, family 👨‍👩‍👧");
        t.put("rtl", "שלום עולם — مرحبا بالعالم (123)");
        t.put("combining", "Cafe\u0301 Zoe\u0308 n\u0303 a\u030A\u0301");
        t.put("whitespace", "tab\there\nline feed\r\nCRLF\rCR alone\r\n\r\nblank line");
        t.put("markup", "<b>bold</b> & \"quotes\" 'single' ]]> &amp;");
        t.put("edges", "\u00A0nbsp\u2028LS\u0085NEL\u007FDEL\uFFFD");
        return t;
    }

    private static boolean set(String variable) {
        String v = System.getenv(variable);
        return v != null && !v.isEmpty();
    }

    @BeforeAll
    static void connect() {
        assumeTrue(set("ODOO_API_KEY") || set("ODOO_PASSWORD"), "ODOO_API_KEY or ODOO_PASSWORD is not set");
        secretVariable = set("ODOO_API_KEY") ? "ODOO_API_KEY" : "ODOO_PASSWORD";
        client = connect(protocol());
        System.out.printf("RealTextIT: Odoo %s over %s%n", client.version().serverVersion(), client.protocol());
    }

    private static Protocol protocol() {
        String p = set("ODOO_PROTOCOL") ? System.getenv("ODOO_PROTOCOL").toLowerCase(Locale.ROOT) : "auto";
        return switch (p) {
            case "auto" -> Protocol.AUTO;
            case "xml-rpc" -> Protocol.XML_RPC;
            case "json-2" -> Protocol.JSON_2;
            default -> throw new IllegalArgumentException("ODOO_PROTOCOL is '" + p + "'; expected auto, xml-rpc or json-2");
        };
    }

    private static OdooClient connect(Protocol p) {
        return OdooClient.connect(OdooServer.of(System.getenv("ODOO_URL"), System.getenv("ODOO_DB")),
                Credentials.fromEnv(System.getenv("ODOO_USER"), secretVariable), ClientOptions.defaults().withProtocol(p));
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    /** One row per text, plus the long values: 10,000 characters for char, 100,000 for text. */
    private static List<Map<String, String>> rows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : TEXTS.entrySet()) {
            rows.add(Map.of("name", "RealTextIT " + e.getKey() + ": " + e.getValue(), "street", e.getValue(),
                    "picking_warn_msg", e.getValue()));
        }
        rows.add(Map.of("name", "RealTextIT long", "street", longText(10_000), "picking_warn_msg", longText(100_000)));
        return rows;
    }

    /** Mixed text of exactly {@code length} UTF-16 units, with emoji, RTL, combining marks and CRLF in it. */
    static String longText(int length) {
        String unit = "Line of text 😀 שלום مرحبا e\u0301\r\n\t";
        StringBuilder b = new StringBuilder(length + unit.length());
        while (b.length() < length) {
            b.append(unit);
        }
        b.setLength(length);
        if (Character.isHighSurrogate(b.charAt(length - 1))) {
            b.setCharAt(length - 1, 'x');
        }
        return b.toString();
    }

    private static void assertStoredExactly(OdooClient reader, List<Long> ids, List<Map<String, String>> rows) {
        List<Map<String, Object>> back = reader.read("res.partner", ids, FIELDS);
        Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
        back.forEach(r -> byId.put((Long) r.get("id"), r));
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> stored = byId.get(ids.get(i));
            for (String f : FIELDS) {
                String sent = rows.get(i).get(f);
                assertThat(stored.get(f)).as("%s of %s read over %s (%d chars sent)", f, rows.get(i).get("name")
                        .lines().findFirst().orElse(""), reader.protocol(), sent.length()).isEqualTo(sent);
            }
        }
    }

    @Test
    void createStoresEveryTextExactly() {
        List<Map<String, String>> rows = rows();
        List<Long> ids = new ArrayList<>();
        try {
            for (Map<String, String> row : rows) {
                ids.add(client.create("res.partner", row));
            }
            assertStoredExactly(client, ids, rows);
        } finally {
            if (!ids.isEmpty()) {
                client.unlink("res.partner", ids);
            }
        }
    }

    @Test
    void loadStoresEveryTextExactly() {
        List<Map<String, String>> rows = rows();
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, String> row : rows) {
            cells.add(FIELDS.stream().map(row::get).toList());
        }
        LoadResult r = client.load("res.partner", FIELDS, cells, Map.of("tracking_disable", true));
        try {
            assertThat(r.messages()).isEmpty();
            assertThat(r.ids()).hasSize(rows.size());
            assertStoredExactly(client, r.ids(), rows);
        } finally {
            if (r.ids() != null) {
                client.unlink("res.partner", r.ids());
            }
        }
    }

    /** On Odoo 19 both transports reach the same database: what one wrote, the other reads the same. */
    @Test
    void theOtherTransportReadsWhatThisOneStored() {
        assumeTrue(client.version().major() >= 19 && secretVariable.equals("ODOO_API_KEY"),
                "needs Odoo 19 or later and an API key, which both transports accept");
        Protocol other = client.protocol() == Protocol.JSON_2 ? Protocol.XML_RPC : Protocol.JSON_2;
        List<Map<String, String>> rows = rows();
        List<Long> ids = new ArrayList<>();
        try (OdooClient second = connect(other)) {
            for (Map<String, String> row : rows) {
                ids.add(client.create("res.partner", row));
            }
            assertStoredExactly(second, ids, rows);
        } finally {
            if (!ids.isEmpty()) {
                client.unlink("res.partner", ids);
            }
        }
    }
}
