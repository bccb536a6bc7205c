package dev.ferry.source;

import dev.ferry.catalog.FieldType;
import dev.ferry.catalog.SourceField;
import dev.ferry.catalog.SourceObject;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses raw export text into the Java value of a field's type, per the object's formats and locale.
 * A value that does not parse yields a {@link Problem} saying what was expected, never an exception.
 */
public final class ValueParser {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern MONEY_PREFIX = Pattern.compile("^[A-Z]{0,3}\\s*[$€£¥]\\s*");
    private static final Pattern MONEY_SUFFIX = Pattern.compile("\\s*[A-Z]{3}$");

    /** What went wrong with one value: whether it blocks, the code suffix, and the expected shape. */
    public record Problem(boolean error, dev.ferry.finding.FindingCode code, String expected) {
    }

    /** The outcome of parsing one value: a value (null for empty) or a problem. */
    public record Result(Object value, Problem problem) {
    }

    private final Map<DateKey, DateFormats> formatters = new HashMap<>();
    private final Map<Locale, DecimalFormatSymbols> symbols = new HashMap<>();
    /** DecimalFormat is costly to build and not thread-safe: one per locale and parser. */
    private final Map<Locale, DecimalFormat> numberFormats = new HashMap<>();

    private record DateKey(String pattern, Locale locale) {
    }

    /** The strict formatters of one pattern and locale, and the fast paths that spare them for plain values. */
    private record DateFormats(DateTimeFormatter[] strict, FixedWidthDate date, FixedWidthDate dateTime) {
    }

    public Result parse(SourceObject object, SourceField field, String raw) {
        return parse(field.type(), raw, field, object);
    }

    /** Parses by type alone (custom fields carry a type but no catalog field). */
    public Result parse(FieldType type, String raw, SourceField field, SourceObject object) {
        if (raw == null) {
            return new Result(null, null);
        }
        String text = type == FieldType.TEXT ? stripTrailing(raw) : raw.strip();
        if (text.isEmpty()) {
            return new Result(null, field != null && field.required()
                    ? new Problem(true, dev.ferry.finding.FindingCode.SRC_010, "a value (the field is required)") : null);
        }
        return switch (type) {
            case STRING, TEXT, PHONE, REF, USER -> new Result(text, null);
            case EMAIL -> new Result(text, EMAIL.matcher(text).matches() ? null
                    : new Problem(false, dev.ferry.finding.FindingCode.SRC_015, "an e-mail address like name@example.com"));
            case ENUM -> enumValue(text, field);
            case BOOL -> bool(text, field);
            case INT -> number(text, object.locale(), true, false);
            case DECIMAL -> number(text, object.locale(), false, false);
            case MONEY -> number(text, object.locale(), false, true);
            case DATE -> date(text, field != null && field.format() != null ? field.format() : object.dateFormat(),
                    object.locale(), false);
            case DATETIME -> date(text, field != null && field.format() != null ? field.format() : object.datetimeFormat(),
                    object.locale(), true);
            case LIST -> new Result(list(text, field == null ? ";" : field.separator()), null);
        };
    }

    private static String stripTrailing(String raw) {
        String s = raw.replace("\r\n", "\n").stripTrailing();
        return s.strip().isEmpty() ? "" : s;
    }

    private static List<String> list(String text, String sep) {
        if (sep.isEmpty()) {
            return splitByPattern(text, sep);
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from <= text.length()) {
            int at = text.indexOf(sep, from);
            int end = at < 0 ? text.length() : at;
            String p = text.substring(from, end).strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
            if (at < 0) {
                break;
            }
            from = at + sep.length();
        }
        return List.copyOf(out);
    }

    private static List<String> splitByPattern(String text, String sep) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(Pattern.quote(sep))) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static Result enumValue(String text, SourceField field) {
        if (field == null || field.values().isEmpty()) {
            return new Result(text, null);
        }
        for (String v : field.values()) {
            if (v.equalsIgnoreCase(text)) {
                return new Result(v, null);
            }
        }
        return new Result(null, new Problem(true, dev.ferry.finding.FindingCode.SRC_012,
                "one of " + String.join(", ", field.values())));
    }

    private static Result bool(String text, SourceField field) {
        List<String> yes = field == null || field.trueValues().isEmpty() ? List.of("true", "yes", "y", "1") : field.trueValues();
        List<String> no = field == null || field.falseValues().isEmpty() ? List.of("false", "no", "n", "0") : field.falseValues();
        for (String y : yes) {
            if (y.equalsIgnoreCase(text)) {
                return new Result(Boolean.TRUE, null);
            }
        }
        for (String n : no) {
            if (n.equalsIgnoreCase(text)) {
                return new Result(Boolean.FALSE, null);
            }
        }
        return new Result(null, new Problem(true, dev.ferry.finding.FindingCode.SRC_013,
                "a yes/no flag: " + String.join(", ", yes) + " or " + String.join(", ", no)));
    }

    private Result number(String text, Locale locale, boolean integer, boolean money) {
        DecimalFormatSymbols sym = symbols.computeIfAbsent(locale, DecimalFormatSymbols::getInstance);
        String t = text;
        if (money && !t.isEmpty()) {
            // Exports write amounts as "CA$12,500.00" or "$ 1,200.00"; the currency comes from its own column.
            // Plain amounts (a digit first and last) cannot match either pattern.
            char first = t.charAt(0);
            if (first < '0' || first > '9') {
                t = MONEY_PREFIX.matcher(t).replaceFirst("");
            }
            if (!t.isEmpty() && t.charAt(t.length() - 1) >= 'A' && t.charAt(t.length() - 1) <= 'Z') {
                t = MONEY_SUFFIX.matcher(t).replaceFirst("");
            }
        }
        boolean negative = t.startsWith("(") && t.endsWith(")");
        if (negative) {
            t = "-" + t.substring(1, t.length() - 1);
        }
        DecimalFormat fmt = numberFormats.computeIfAbsent(locale, l -> {
            DecimalFormat f = new DecimalFormat("#,##0.###", sym);
            f.setParseBigDecimal(true);
            return f;
        });
        ParsePosition pos = new ParsePosition(0);
        Object n = fmt.parse(t, pos);
        String example = integer ? "an integer like 1" + sym.getGroupingSeparator() + "250"
                : "a number like 12" + sym.getGroupingSeparator() + "500" + sym.getDecimalSeparator() + "00";
        if (n == null || pos.getIndex() != t.length()) {
            return new Result(null, new Problem(true, dev.ferry.finding.FindingCode.SRC_011, example));
        }
        BigDecimal d = (BigDecimal) n;
        if (integer) {
            try {
                return new Result(d.longValueExact(), null);
            } catch (ArithmeticException e) {
                return new Result(null, new Problem(true, dev.ferry.finding.FindingCode.SRC_011, example));
            }
        }
        return new Result(d, null);
    }

    private Result date(String text, String pattern, Locale locale, boolean withTime) {
        DateFormats formats = formatters.computeIfAbsent(new DateKey(pattern, locale), k -> new DateFormats(
                formatters(pattern, locale), FixedWidthDate.of(pattern, false), FixedWidthDate.of(pattern, true)));
        FixedWidthDate fast = withTime ? formats.dateTime() : formats.date();
        Object quick = fast == null ? null : fast.parse(text);
        if (quick != null) {
            return new Result(quick, null);
        }
        for (DateTimeFormatter f : formats.strict()) {
            try {
                if (withTime) {
                    return new Result(LocalDateTime.parse(text, f), null);
                }
                return new Result(LocalDate.parse(text, f), null);
            } catch (DateTimeParseException ignored) {
                // try the next formatter
            }
        }
        return new Result(null, new Problem(true, dev.ferry.finding.FindingCode.SRC_014,
                (withTime ? "a datetime " : "a date ") + pattern));
    }

    /**
     * Strict resolution so 31/02 is refused; 'yyyy' means year-of-era, which strict mode cannot resolve without
     * an era, hence 'uuuu'. AM/PM text differs between CLDR locales (en-CA writes "a.m."), so an English
     * fallback accepts the "AM"/"PM" that exports actually contain.
     */
    static DateTimeFormatter[] formatters(String pattern, Locale locale) {
        String p = pattern.replace("yyyy", "uuuu").replace("yy", "uu");
        DateTimeFormatter main = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p)
                .toFormatter(locale).withResolverStyle(ResolverStyle.STRICT);
        if (!pattern.contains("a") || locale.equals(Locale.US)) {
            return new DateTimeFormatter[]{main};
        }
        return new DateTimeFormatter[]{main, main.withLocale(Locale.US)};
    }
}
