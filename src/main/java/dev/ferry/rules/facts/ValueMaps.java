package dev.ferry.rules.facts;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pair's value maps ({@code rules/<pair>/values/*.yaml}) as the {@code values} global: lookups such as
 * status → stage live here, not as literals in DRL. Keys match case-insensitively after trimming, because
 * exports spell pick-list values loosely.
 */
public final class ValueMaps {
    /** One map: its name, entries and the value for unknown keys (null: unknown keys are findings). */
    public record ValueMap(String name, String file, Map<String, String> entries, String fallback) {
    }

    private final Map<String, ValueMap> maps = new TreeMap<>();
    /** Only looked up, never listed: hash maps, as rules call {@link #lookup} several times per record. */
    private final Map<String, Map<String, String>> normalized = new HashMap<>();

    public void add(ValueMap map) {
        maps.put(map.name(), map);
        Map<String, String> n = new HashMap<>();
        map.entries().forEach((k, v) -> n.put(norm(k), v));
        normalized.put(map.name(), n);
    }

    /** The mapped value, the map's fallback when the key is unknown, or null when there is neither. */
    public String lookup(String map, Object key) {
        Map<String, String> m = normalized.get(map);
        if (m == null) {
            throw new IllegalArgumentException("no value map '" + map + "'; the pair has " + String.join(", ", maps.keySet()));
        }
        if (key == null) {
            return maps.get(map).fallback();
        }
        String v = m.get(norm(key.toString()));
        return v != null ? v : maps.get(map).fallback();
    }

    /** True when the key has its own entry (the fallback does not count). */
    public boolean has(String map, Object key) {
        Map<String, String> m = normalized.get(map);
        return m != null && key != null && m.containsKey(norm(key.toString()));
    }

    /** The keys of a map as written in its file, for messages that list what was expected. */
    public String keys(String map) {
        return String.join(", ", maps.get(map).entries().keySet());
    }

    public ValueMap map(String name) {
        return maps.get(name);
    }

    /** Trimmed, lower case, each run of whitespace ({@code \\s}: space, tab, line breaks) as one space. */
    static String norm(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        int n = t.length();
        int i = 0;
        while (i < n && (!space(t.charAt(i)) || t.charAt(i) == ' ' && (i + 1 == n || !space(t.charAt(i + 1))))) {
            i++;
        }
        if (i == n) {
            return t;
        }
        StringBuilder b = new StringBuilder(n).append(t, 0, i);
        while (i < n) {
            char c = t.charAt(i++);
            if (space(c)) {
                b.append(' ');
                while (i < n && space(t.charAt(i))) {
                    i++;
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
