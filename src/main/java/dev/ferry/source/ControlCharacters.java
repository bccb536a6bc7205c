package dev.ferry.source;

import java.util.Set;
import java.util.TreeSet;

/**
 * The characters of a source value that Odoo cannot store the same way over both of its APIs: C0 controls other
 * than tab, line feed and carriage return, unpaired surrogates, and U+FFFE/U+FFFF. XML 1.0 cannot carry them, so
 * XML-RPC refuses them in a request and Odoo drops C0 controls from its answers, while JSON-2 would store them.
 * Removing them while reading makes the plan hold what Odoo will hold, whatever the transport.
 */
final class ControlCharacters {
    private static final String[] C0_NAMES = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT",
        "LF", "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
        "ESC", "FS", "GS", "RS", "US"};

    private ControlCharacters() {
    }

    /** Index of the first character to remove, or -1; the common case scans once and allocates nothing. */
    static int first(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 || c >= 0xD800) && removable(s, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean removable(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return c != '\t' && c != '\n' && c != '\r';
        }
        if (c < 0xD800) {
            return false;
        }
        if (c >= 0xE000) {
            return c >= 0xFFFE;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** The value without the characters {@link #first} finds; {@code from} is that first index. */
    static String remove(String s, int from) {
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, from);
        for (int i = from; i < s.length(); i++) {
            if (!removable(s, i)) {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    /** The removed characters as "U+0007 (BEL)", distinct, in code order, for a finding. */
    static String describe(String s, int from) {
        Set<Integer> found = new TreeSet<>();
        for (int i = from; i < s.length(); i++) {
            if (removable(s, i)) {
                found.add((int) s.charAt(i));
            }
        }
        StringBuilder b = new StringBuilder();
        for (int c : found) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(String.format("U+%04X", c));
            if (c < 0x20) {
                b.append(" (").append(C0_NAMES[c]).append(')');
            }
        }
        return b.toString();
    }

    /**
     * The value with each removed character shown as {@code <U+0007>}, starting a few characters before the first
     * one, so the quoted value of a finding (cut at 60 characters) shows where it was.
     */
    static String shown(String s, int from) {
        int start = from <= 40 ? 0 : from - 20;
        if (start > 0 && Character.isLowSurrogate(s.charAt(start))) {
            start--;
        }
        StringBuilder b = new StringBuilder(s.length() - start + 8);
        if (start > 0) {
            b.append('…');
        }
        b.append(s, start, from);
        for (int i = from; i < s.length(); i++) {
            if (removable(s, i)) {
                b.append(String.format("<U+%04X>", (int) s.charAt(i)));
            } else {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }
}
