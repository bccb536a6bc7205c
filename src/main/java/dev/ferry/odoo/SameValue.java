package dev.ferry.odoo;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a plan cell and the value Odoo reads back mean the same: what verify compares, and what the writer uses to
 * leave alone a record a load would not change (a no-op write is not harmless in Odoo: it recomputes and tracks
 * totals, and re-writing a confirmed order's delivery address opens an exception activity on its picking).
 */
public final class SameValue {
    private SameValue() {
    }

    /** A non-empty plan cell against Odoo's value of a field of {@code type}; datetimes in the plan's zone. */
    public static boolean same(String type, String plan, Object odoo, ZoneId tz) {
        switch (type) {
            case "boolean" -> {
                return truthy(plan) == Boolean.TRUE.equals(odoo);
            }
            case "integer", "float", "monetary" -> {
                if (!(odoo instanceof Number n)) {
                    return false;
                }
                double a;
                try {
                    a = Double.parseDouble(plan.strip());
                } catch (NumberFormatException e) {
                    return false;
                }
                return Math.abs(a - n.doubleValue()) <= 1e-6 * Math.max(1, Math.abs(a)) + ("monetary".equals(type) ? 0.005 : 0);
            }
            case "datetime" -> {
                return Objects.equals(PlanExecutor.toUtc(plan, tz), display(odoo));
            }
            case "html" -> {
                return text(plan).equals(text(display(odoo)));
            }
            case "many2one" -> {
                if (!(odoo instanceof List<?> l) || l.size() < 2) {
                    return false;
                }
                String name = String.valueOf(l.get(1)).toLowerCase(Locale.ROOT);
                String want = plan.strip().toLowerCase(Locale.ROOT);
                // load resolves a name as name_search does: a product by internal reference reads "[CODE] Name"
                return name.equals(want) || name.startsWith(want + " (") || name.endsWith(", " + want)
                        || name.startsWith("[" + want + "] ");
            }
            default -> {
                return plan.equals(display(odoo));
            }
        }
    }

    /** Whether Odoo's value is what {@code load} makes of an empty cell: False, "", no records, or 0 for a number. */
    public static boolean empty(String type, Object odoo) {
        if (odoo == null || Boolean.FALSE.equals(odoo) || "".equals(odoo) || odoo instanceof List<?> l && l.isEmpty()) {
            return true;
        }
        return odoo instanceof Number n && n.doubleValue() == 0 && !"many2one".equals(type);
    }

    /** The record ids of a relational value as read: {@code [id, name]} for a many2one, an id list otherwise. */
    public static Set<Long> ids(Object v, String type) {
        Set<Long> out = new TreeSet<>();
        if (v instanceof List<?> l) {
            if ("many2one".equals(type)) {
                if (!l.isEmpty() && l.get(0) instanceof Number n) {
                    out.add(n.longValue());
                }
            } else {
                l.forEach(o -> out.add(((Number) o).longValue()));
            }
        }
        return out;
    }

    private static boolean truthy(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y", "t" -> true;
            default -> false;
        };
    }

    /** Text content of html: tags dropped, common entities decoded, whitespace collapsed. */
    public static String text(String html) {
        String t = html.replaceAll("(?i)<br\\s*/?>", " ").replaceAll("<[^>]*>", " ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return t.replaceAll("\\s+", " ").strip();
    }

    /** A value as read, as text: a many2one's name, "" for Odoo's False. */
    public static String display(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return "";
        }
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number && l.get(1) instanceof String s) {
            return s;
        }
        return String.valueOf(v);
    }
}
