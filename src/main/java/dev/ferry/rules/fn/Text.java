package dev.ferry.rules.fn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Text helpers for rule consequences. Every method accepts nulls and never throws on odd input. */
public final class Text {
    private static final Pattern NOT_IDENTIFIER = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");
    private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    private Text() {
    }

    /**
     * Plain text (possibly multi-line) as Odoo HTML: special characters escaped, blank-line separated blocks as
     * paragraphs, single newlines as line breaks. Null or blank gives null.
     */
    public static String html(Object text) {
        if (text == null || text.toString().isBlank()) {
            return null;
        }
        String s = text.toString().replace("\r\n", "\n").strip();
        StringBuilder b = new StringBuilder();
        for (String para : paragraphs(s)) {
            b.append("<p>").append(escape(para.strip()).replace("\n", "<br>")).append("</p>");
        }
        return b.toString();
    }

    /**
     * {@code s.split("\n\\s*\n")} without a regex: a break is a run of whitespace holding two or more line
     * feeds, from its first line feed to its last.
     */
    static List<String> paragraphs(String s) {
        List<String> out = new ArrayList<>(2);
        int start = 0;
        int i = s.indexOf('\n');
        while (i >= 0) {
            int lastFeed = i;
            int j = i + 1;
            while (j < s.length() && space(s.charAt(j))) {
                if (s.charAt(j) == '\n') {
                    lastFeed = j;
                }
                j++;
            }
            if (lastFeed > i) {
                out.add(s.substring(start, i));
                start = lastFeed + 1;
            }
            i = s.indexOf('\n', j);
        }
        if (out.isEmpty()) {
            out.add(s);
            return out;
        }
        out.add(s.substring(start));
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Regex {@code \\s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** HTML-escapes {@code & < > "}. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Joins the non-blank parts with {@code sep}; null when all are blank. */
    public static String join(String sep, Object... parts) {
        List<String> kept = new ArrayList<>();
        for (Object p : parts) {
            if (p != null && !p.toString().isBlank()) {
                kept.add(p.toString().strip());
            }
        }
        return kept.isEmpty() ? null : String.join(sep, kept);
    }

    /** {@code label: value} when the value is present, else null; for carrying extra facts into notes. */
    public static String labelled(String label, Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return label + ": " + value.toString().strip();
    }

    /** Lower-case identifier of letters, digits and underscores, e.g. for custom field names. */
    public static String identifier(Object raw) {
        if (raw == null) {
            return null;
        }
        String s = NOT_IDENTIFIER.matcher(raw.toString().toLowerCase(java.util.Locale.ROOT)).replaceAll("_");
        return EDGE_UNDERSCORES.matcher(s).replaceAll("");
    }

    /** The comma-separated items of a value, trimmed, blanks dropped; null gives an empty list. */
    public static List<String> items(Object csv) {
        List<String> out = new ArrayList<>();
        if (csv == null) {
            return out;
        }
        for (String part : csv.toString().split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /**
     * A web address as Odoo stores it on a partner or a lead: res.partner's {@code _clean_website} (17.0 to 19.0)
     * prefixes {@code http://} to an address without a scheme ({@code www.example.ca}, {@code //example.ca/x},
     * {@code example.ca:8080}), so the plan carries that and verify compares like with like. An address with a
     * scheme is kept as it is. Null or blank gives null.
     */
    public static String website(Object raw) {
        if (raw == null || raw.toString().isBlank()) {
            return null;
        }
        String s = raw.toString().strip();
        int colon = s.indexOf(':');
        if (colon > 0 && URL_SCHEME.matcher(s.substring(0, colon)).matches()) {
            String rest = s.substring(colon + 1);
            // As werkzeug's url_parse: "host:8080" is a port, not a scheme.
            if (rest.isEmpty() || !rest.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return s;
            }
        }
        return s.startsWith("//") ? "http:" + s : "http://" + s;
    }
}
