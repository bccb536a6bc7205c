package dev.ferry.finding;

/**
 * One problem or notice raised by any stage: source reading, rules, plan validation, loading.
 *
 * @param code     the catalogued code
 * @param severity how much it matters
 * @param origin   where it points
 * @param value    the offending value as found (may be null when there is none)
 * @param expected the shape or list that was expected, or a short statement of the issue
 * @param hint     one concrete action, or null
 * @param rule     the rule that raised it ({@code rules/x/y.drl: Rule name}), or null for engine findings
 */
public record Finding(FindingCode code, Severity severity, Origin origin, String value, String expected,
                      String hint, String rule) {

    public static Finding error(FindingCode code, Origin origin, String value, String expected) {
        return new Finding(code, Severity.ERROR, origin, value, expected, null, null);
    }

    public static Finding warning(FindingCode code, Origin origin, String value, String expected) {
        return new Finding(code, Severity.WARNING, origin, value, expected, null, null);
    }

    public Finding withHint(String text) {
        return new Finding(code, severity, origin, value, expected, text, rule);
    }

    public Finding withRule(String ruleName) {
        return new Finding(code, severity, origin, value, expected, hint, ruleName);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The console head line: {@code <pos>: <severity> <CODE>: [key] [field]: found '<value>'; expected <shape>}. */
    public String headLine() {
        StringBuilder b = new StringBuilder();
        String pos = origin.position();
        if (!pos.isEmpty()) {
            b.append(pos).append(": ");
        }
        b.append(severity.word()).append(' ').append(code.id()).append(": ");
        if (origin.recordKey() != null) {
            b.append(origin.recordKey()).append(' ');
        }
        if (origin.field() != null) {
            b.append(origin.field());
        }
        if (origin.recordKey() != null || origin.field() != null) {
            b.setLength(b.length() - (b.charAt(b.length() - 1) == ' ' ? 1 : 0));
            b.append(": ");
        }
        if (value != null) {
            b.append("found '").append(quote(value)).append("'; expected ").append(expected);
        } else {
            b.append(expected);
        }
        return b.toString();
    }

    /** Values are cut at 60 characters and kept on one line so the head stays greppable. */
    static String quote(String value) {
        String flat = value.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
    }
}
