package dev.ferry.odoo.sandbox;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Python's {@code repr()} of plain values, because Odoo's messages embed it ({@code 'x'}, {@code (5,)}, {@code True}). */
final class PythonRepr {
    private PythonRepr() {
    }

    static String of(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e16) {
                return String.format("%.1f", d);
            }
            return d.toString();
        }
        if (v instanceof Number) {
            return v.toString();
        }
        if (v instanceof String s) {
            return str(s);
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Iterator<?> it = l.iterator(); it.hasNext(); ) {
                b.append(of(it.next()));
                if (it.hasNext()) {
                    b.append(", ");
                }
            }
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                b.append(of(e.getKey())).append(": ").append(of(e.getValue()));
                if (it.hasNext()) {
                    b.append(", ");
                }
            }
            return b.append('}').toString();
        }
        return str(v.toString());
    }

    /** A tuple: {@code (a, b)}, and {@code (a,)} for one element. */
    static String tuple(List<?> items) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(of(items.get(i)));
        }
        if (items.size() == 1) {
            b.append(',');
        }
        return b.append(')').toString();
    }

    /** A recordset as Odoo prints it: {@code res.partner(5,)}. */
    static String recordset(String model, List<Long> ids) {
        return model + tuple(ids);
    }

    private static String str(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == quote) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.append(quote).toString();
    }
}
