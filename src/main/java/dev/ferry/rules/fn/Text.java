package dev.ferry.rules.fn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Text helpers for rule consequences. Every method accepts nulls and never throws on odd input. */
public final class Text {
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n\\s*\n");
    private static final Pattern NOT_IDENTIFIER = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");

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
        for (String para : s.indexOf('\n') < 0 ? new String[]{s} : PARAGRAPH_BREAK.split(s)) {
            b.append("<p>").append(escape(para.strip()).replace("\n", "<br>")).append("</p>");
        }
        return b.toString();
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
}
