package dev.ferry.odoo.sandbox;

import dev.ferry.catalog.OdooField;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Odoo's {@code convert_to_cache} for the values create and write receive, and its date parsing, which
 * {@code load}'s string converters share: what is accepted, what it becomes, and the Python error otherwise.
 */
final class ValueConverter {
    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DATETIME_IN = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?: (\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?)?");

    private ValueConverter() {
    }

    /** A value as create/write receive it, turned into what the sandbox stores (Odoo's convert_to_cache). */
    static Object convert(ModelInfo m, OdooField f, Object v) {
        if (v == null) {
            return "boolean".equals(f.type()) ? Boolean.FALSE : null;
        }
        if (Boolean.FALSE.equals(v) && !"boolean".equals(f.type())) {
            return null;
        }
        switch (f.type()) {
            case "char", "text", "html" -> {
                return v instanceof String s ? s : pythonStr(v);
            }
            case "selection" -> {
                if (v instanceof String s && f.hasChoice(s)) {
                    return s;
                }
                throw OdooError.python("ValueError", "Wrong value for " + m.name() + "." + f.name() + ": " + PythonRepr.of(v));
            }
            case "boolean" -> {
                return truthy(v);
            }
            case "integer", "many2one_reference" -> {
                if (v instanceof Long l) {
                    return l;
                }
                if (v instanceof Double d) {
                    return (long) d.doubleValue();
                }
                if (v instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                try {
                    return Long.parseLong(String.valueOf(v).strip());
                } catch (NumberFormatException e) {
                    throw OdooError.python("ValueError", "invalid literal for int() with base 10: " + PythonRepr.of(String.valueOf(v)));
                }
            }
            case "float", "monetary" -> {
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                if (v instanceof Boolean b) {
                    return b ? 1.0 : 0.0;
                }
                try {
                    return Double.parseDouble(String.valueOf(v).strip());
                } catch (NumberFormatException e) {
                    throw OdooError.python("ValueError", "could not convert string to float: " + PythonRepr.of(String.valueOf(v)));
                }
            }
            case "date" -> {
                String d = parseDate(String.valueOf(v));
                if (d == null) {
                    throw OdooError.python("ValueError", "time data " + PythonRepr.of(String.valueOf(v)) + " does not match format '%Y-%m-%d'");
                }
                return d;
            }
            case "datetime" -> {
                String d = parseDatetime(String.valueOf(v));
                if (d == null) {
                    throw OdooError.python("ValueError", "time data " + PythonRepr.of(String.valueOf(v)) + " does not match format '%Y-%m-%d %H:%M:%S'");
                }
                return d;
            }
            case "many2one" -> {
                if (v instanceof Long id) {
                    return id;
                }
                if (v instanceof List<?> pair && !pair.isEmpty() && pair.get(0) instanceof Long id) {
                    return id;
                }
                throw OdooError.python("ValueError", "Wrong value for " + m.name() + "." + f.name() + ": " + PythonRepr.of(v));
            }
            default -> {
                return v;
            }
        }
    }

    static boolean truthy(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return false;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }

    private static String pythonStr(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return PythonRepr.of(v).replaceAll("^'(.*)'$", "$1");
    }

    /** Odoo's Date.to_date: the first 10 characters as {@code %Y-%m-%d}; null when they do not parse. */
    static String parseDate(String value) {
        String head = value.length() > 10 ? value.substring(0, 10) : value;
        Matcher mt = DATE.matcher(head);
        if (!mt.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(mt.group(1)), Integer.parseInt(mt.group(2)), Integer.parseInt(mt.group(3))).toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Odoo's Datetime.to_datetime: {@code %Y-%m-%d}, optionally with {@code %H:%M} or {@code %H:%M:%S}. */
    static String parseDatetime(String value) {
        Matcher mt = DATETIME_IN.matcher(value);
        if (!mt.matches()) {
            return null;
        }
        try {
            LocalDateTime dt = LocalDateTime.of(Integer.parseInt(mt.group(1)), Integer.parseInt(mt.group(2)),
                    Integer.parseInt(mt.group(3)), mt.group(4) == null ? 0 : Integer.parseInt(mt.group(4)),
                    mt.group(5) == null ? 0 : Integer.parseInt(mt.group(5)), mt.group(6) == null ? 0 : Integer.parseInt(mt.group(6)));
            return DATETIME.format(dt);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
