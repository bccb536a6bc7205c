package dev.ferry.source;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast path for the numeric date patterns exports use ({@code MM/dd/yyyy hh:mm a}, {@code dd/MM/yyyy HH:mm}):
 * java.time's strict formatter costs several microseconds a value, a million-record export has millions of them.
 * It answers only when it is sure the strict formatter would give the same value; for anything else (other
 * pattern letters, odd widths, out-of-range or impossible values) it answers null and the caller asks the
 * formatter, so messages for bad values are unchanged.
 */
final class FixedWidthDate {
    private enum Kind { YEAR, MONTH, DAY, HOUR24, HOUR12, MINUTE, SECOND, AMPM, LITERAL }

    /** One pattern element: a number of {@code min}..{@code max} digits, an AM/PM marker or a literal char. */
    private record Part(Kind kind, int min, int max, char literal) {
    }

    private final Part[] parts;
    private final boolean withTime;

    private FixedWidthDate(Part[] parts, boolean withTime) {
        this.parts = parts;
        this.withTime = withTime;
    }

    /**
     * The fast path for {@code pattern} (as written in the catalog, {@code yyyy} or {@code uuuu}), or null when the
     * pattern uses anything else. {@code withTime}: parse a datetime (hour and minute required) or a date (no time).
     */
    static FixedWidthDate of(String pattern, boolean withTime) {
        List<Part> parts = new ArrayList<>();
        boolean[] seen = new boolean[Kind.values().length];
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            Part p = part(c, run);
            if (p == null) {
                return null;
            }
            if (p.kind() != Kind.LITERAL) {
                if (seen[p.kind().ordinal()]) {
                    return null;
                }
                seen[p.kind().ordinal()] = true;
            }
            for (int k = 0; k < (p.kind() == Kind.LITERAL ? run : 1); k++) {
                parts.add(p);
            }
            i += run;
        }
        boolean date = seen[Kind.YEAR.ordinal()] && seen[Kind.MONTH.ordinal()] && seen[Kind.DAY.ordinal()];
        boolean h24 = seen[Kind.HOUR24.ordinal()];
        boolean h12 = seen[Kind.HOUR12.ordinal()];
        boolean anyTime = h24 || h12 || seen[Kind.MINUTE.ordinal()] || seen[Kind.SECOND.ordinal()]
                || seen[Kind.AMPM.ordinal()];
        if (!date) {
            return null;
        }
        if (!withTime) {
            return anyTime ? null : new FixedWidthDate(parts.toArray(Part[]::new), false);
        }
        boolean clock = h24 ? !h12 && !seen[Kind.AMPM.ordinal()] : h12 && seen[Kind.AMPM.ordinal()];
        if (!clock || !seen[Kind.MINUTE.ordinal()]) {
            return null;
        }
        return new FixedWidthDate(parts.toArray(Part[]::new), true);
    }

    private static Part part(char c, int run) {
        switch (c) {
            case 'y', 'u':
                return run == 4 ? new Part(Kind.YEAR, 4, 4, c) : null;
            case 'M':
                return run <= 2 ? new Part(Kind.MONTH, run, 2, c) : null;
            case 'd':
                return run <= 2 ? new Part(Kind.DAY, run, 2, c) : null;
            case 'H':
                return run <= 2 ? new Part(Kind.HOUR24, run, 2, c) : null;
            case 'h':
                return run <= 2 ? new Part(Kind.HOUR12, run, 2, c) : null;
            case 'm':
                return run <= 2 ? new Part(Kind.MINUTE, run, 2, c) : null;
            case 's':
                return run <= 2 ? new Part(Kind.SECOND, run, 2, c) : null;
            case 'a':
                return run == 1 ? new Part(Kind.AMPM, 2, 2, c) : null;
            case ' ', '/', '-', ':', '.', ',':
                return new Part(Kind.LITERAL, 1, 1, c);
            default:
                return null;
        }
    }

    /** A LocalDate or LocalDateTime, or null when the fast path cannot decide. */
    Object parse(String text) {
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = -1;
        int hour12 = -1;
        int minute = 0;
        int second = 0;
        int pm = -1;
        int pos = 0;
        int n = text.length();
        for (int p = 0; p < parts.length; p++) {
            Part part = parts[p];
            if (part.kind() == Kind.LITERAL) {
                if (pos >= n || text.charAt(pos) != part.literal()) {
                    return null;
                }
                pos++;
                continue;
            }
            if (part.kind() == Kind.AMPM) {
                if (pos + 2 > n || (text.charAt(pos + 1) != 'M' && text.charAt(pos + 1) != 'm')) {
                    return null;
                }
                char c = text.charAt(pos);
                if (c == 'A' || c == 'a') {
                    pm = 0;
                } else if (c == 'P' || c == 'p') {
                    pm = 1;
                } else {
                    return null;
                }
                pos += 2;
                continue;
            }
            int start = pos;
            int value = 0;
            while (pos < n && pos - start < part.max() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                value = value * 10 + (text.charAt(pos) - '0');
                pos++;
            }
            int digits = pos - start;
            // A run longer than the part's width is the formatter's call (it may read more digits or refuse).
            if (digits < part.min() || (pos < n && text.charAt(pos) >= '0' && text.charAt(pos) <= '9')) {
                return null;
            }
            switch (part.kind()) {
                case YEAR -> year = value;
                case MONTH -> month = value;
                case DAY -> day = value;
                case HOUR24 -> hour = value;
                case HOUR12 -> hour12 = value;
                case MINUTE -> minute = value;
                case SECOND -> second = value;
                default -> throw new IllegalStateException(part.kind().name());
            }
        }
        if (pos != n || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        int length = switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        if (day > length) {
            return null;
        }
        if (!withTime) {
            return LocalDate.of(year, month, day);
        }
        if (hour12 >= 0) {
            if (hour12 < 1 || hour12 > 12) {
                return null;
            }
            hour = hour12 % 12 + 12 * pm;
        }
        if (hour < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }
}
