package dev.ferry.source;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FixedWidthDateTest {
    private static final List<Locale> LOCALES = List.of(Locale.forLanguageTag("en-CA"), Locale.US,
            Locale.forLanguageTag("fr-CA"), Locale.GERMANY, Locale.forLanguageTag("en-AU"));

    /** What the strict formatters make of the text, the first that parses winning; null when none does. */
    private static Object strict(String pattern, Locale locale, String text, boolean withTime) {
        for (DateTimeFormatter f : ValueParser.formatters(pattern, locale)) {
            try {
                return withTime ? LocalDateTime.parse(text, f) : LocalDate.parse(text, f);
            } catch (DateTimeParseException ignored) {
                // next
            }
        }
        return null;
    }

    @Test
    void readsTheUsualNumericPatterns() {
        assertThat(FixedWidthDate.of("MM/dd/yyyy hh:mm a", true).parse("03/14/2024 02:30 PM"))
                .isEqualTo(LocalDateTime.of(2024, 3, 14, 14, 30));
        assertThat(FixedWidthDate.of("MM/dd/yyyy hh:mm a", true).parse("03/14/2024 12:05 am"))
                .isEqualTo(LocalDateTime.of(2024, 3, 14, 0, 5));
        assertThat(FixedWidthDate.of("dd/MM/yyyy", false).parse("29/02/2024")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(FixedWidthDate.of("dd/MM/yyyy h:mm a", true).parse("01/12/2023 9:07 PM"))
                .isEqualTo(LocalDateTime.of(2023, 12, 1, 21, 7));
    }

    @Test
    void leavesWhatItCannotBeSureOfToTheFormatter() {
        assertThat(FixedWidthDate.of("[dd/MM/yyyy][yyyy-MM-dd]", false)).isNull();
        assertThat(FixedWidthDate.of("dd MMM yyyy", false)).isNull();
        assertThat(FixedWidthDate.of("MM/dd/yy", false)).isNull();
        assertThat(FixedWidthDate.of("MM/dd/yyyy", true)).as("a datetime needs a time").isNull();
        assertThat(FixedWidthDate.of("MM/dd/yyyy hh:mm", true)).as("a 12-hour clock needs AM/PM").isNull();
        FixedWidthDate d = FixedWidthDate.of("MM/dd/yyyy", false);
        assertThat(d.parse("02/30/2023")).isNull();
        assertThat(d.parse("2/3/2023")).isNull();
        assertThat(d.parse("02/03/20231")).isNull();
    }

    /** Whenever the fast path answers, the strict formatter gives the same value. */
    @Test
    void agreesWithTheStrictFormatterOnRandomText() {
        Random rnd = new Random(11);
        String[][] patterns = {{"MM/dd/yyyy", "d"}, {"dd/MM/yyyy", "d"}, {"d/M/yyyy", "d"}, {"yyyy-MM-dd", "d"},
                {"MM/dd/yyyy hh:mm a", "t"}, {"dd/MM/yyyy HH:mm", "t"}, {"dd/MM/yyyy h:mm a", "t"},
                {"yyyy-MM-dd HH:mm:ss", "t"}, {"dd.MM.uuuu H:mm", "t"}};
        int answered = 0;
        for (String[] p : patterns) {
            boolean withTime = p[1].equals("t");
            FixedWidthDate fast = FixedWidthDate.of(p[0], withTime);
            assertThat(fast).as(p[0]).isNotNull();
            for (int n = 0; n < 4000; n++) {
                String text = sample(p[0], rnd);
                Object quick = fast.parse(text);
                if (quick != null) {
                    answered++;
                    for (Locale l : LOCALES) {
                        assertThat(strict(p[0], l, text, withTime)).as("%s '%s' %s", p[0], text, l).isEqualTo(quick);
                    }
                }
            }
        }
        assertThat(answered).as("the fast path answers for most plausible values").isGreaterThan(10_000);
    }

    /** Text shaped like the pattern, with now and then a wrong width, value, separator or marker. */
    private static String sample(String pattern, Random rnd) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            i += run;
            boolean odd = rnd.nextInt(12) == 0;
            switch (c) {
                case 'y', 'u' -> b.append(odd ? String.valueOf(rnd.nextInt(100_000)) : String.format("%04d", 1990 + rnd.nextInt(50)));
                case 'M' -> b.append(number(odd ? rnd.nextInt(15) : 1 + rnd.nextInt(12), run, odd, rnd));
                case 'd' -> b.append(number(odd ? rnd.nextInt(35) : 1 + rnd.nextInt(31), run, odd, rnd));
                case 'H' -> b.append(number(odd ? rnd.nextInt(30) : rnd.nextInt(24), run, odd, rnd));
                case 'h' -> b.append(number(odd ? rnd.nextInt(15) : 1 + rnd.nextInt(12), run, odd, rnd));
                case 'm', 's' -> b.append(number(odd ? rnd.nextInt(70) : rnd.nextInt(60), run, odd, rnd));
                case 'a' -> b.append(odd ? List.of("a.m.", "XM", "A", "p.m.", "AMM").get(rnd.nextInt(5))
                        : List.of("AM", "PM", "am", "pm", "Pm", "aM").get(rnd.nextInt(6)));
                default -> b.append(odd ? List.of("", "-", "/", "  ", "x").get(rnd.nextInt(5)) : String.valueOf(c).repeat(run));
            }
        }
        return b.toString();
    }

    private static String number(int value, int width, boolean odd, Random rnd) {
        if (odd && rnd.nextBoolean()) {
            return String.format("%03d", value);
        }
        return width == 2 || rnd.nextBoolean() ? String.format("%02d", value) : String.valueOf(value);
    }
}
