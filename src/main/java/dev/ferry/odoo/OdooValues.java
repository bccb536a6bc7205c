package dev.ferry.odoo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts values to and from the shapes both transports share, so callers see the same Java types whatever
 * the protocol: integers as {@link Long}, floats as {@link Double}, arrays as {@link List}, structs as
 * {@link Map}, Odoo's empty value as {@code Boolean.FALSE}, dates as Odoo's strings.
 */
final class OdooValues {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private OdooValues() {
    }

    /** Turns a caller's argument into something both XML-RPC and JSON can carry. */
    static Object toWire(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof byte[]) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigDecimal d) {
            // Odoo's float and monetary fields are Python floats; a decimal goes over as its nearest double.
            return d.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof LocalDateTime dt) {
            return DATETIME.format(dt);
        }
        if (v instanceof OffsetDateTime odt) {
            return DATETIME.format(odt.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (v instanceof ZonedDateTime zdt) {
            return DATETIME.format(zdt.withZoneSameInstant(ZoneOffset.UTC));
        }
        if (v instanceof Instant i) {
            return DATETIME.format(i.atOffset(ZoneOffset.UTC));
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(toWire(o));
            }
            return out;
        }
        if (v instanceof Object[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (Object o : a) {
                out.add(toWire(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("map key '" + e.getKey() + "' is a "
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName())
                            + "; expected a string key (Odoo dicts are keyed by field names)");
                }
                out.put(k, toWire(e.getValue()));
            }
            return out;
        }
        if (v instanceof Secret) {
            throw new IllegalArgumentException("a Secret cannot be sent as a value");
        }
        throw new IllegalArgumentException("value of type " + v.getClass().getName()
                + " cannot be sent to Odoo; expected string, number, boolean, date, list or map");
    }

    /** Turns what a transport parsed into the shared shapes. */
    static Object fromWire(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof byte[]) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof Date d) {
            return DATETIME.format(d.toInstant().atOffset(ZoneOffset.UTC));
        }
        if (v instanceof Object[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (Object o : a) {
                out.add(fromWire(o));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(fromWire(o));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), fromWire(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        return v;
    }

    /** Reads one id or a list of ids (create over XML-RPC answers an int for a dict, a list for a list). */
    static List<Long> ids(Object result, String what) {
        if (result instanceof Long l) {
            return List.of(l);
        }
        if (result instanceof List<?> list) {
            List<Long> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof Long l)) {
                    throw new OdooProtocolException(what + " answered " + describe(result) + "; expected a list of ids", null);
                }
                out.add(l);
            }
            return List.copyOf(out);
        }
        throw new OdooProtocolException(what + " answered " + describe(result) + "; expected ids", null);
    }

    /** A short description of an unexpected reply, without echoing large or sensitive values. */
    static String describe(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof List<?> l) {
            return "a list of " + l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return "a dict with keys " + m.keySet();
        }
        String s = String.valueOf(v);
        return "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v, String what) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new OdooProtocolException(what + " answered " + describe(v) + "; expected a dict", null);
    }

    static List<?> list(Object v, String what) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new OdooProtocolException(what + " answered " + describe(v) + "; expected a list", null);
    }
}
