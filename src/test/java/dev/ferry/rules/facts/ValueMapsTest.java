package dev.ferry.rules.facts;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ValueMapsTest {
    /** The definition the hand-written normaliser must keep. */
    private static String byRegex(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    @Test
    void normalisesLikeTrimLowerCaseAndCollapsedWhitespace() {
        for (String s : new String[]{"", " ", "Won", "  Closed   Won ", "Closed\tWon", "a \t\r\n b", "x\u000By", "a  ",
                "ÉTÉ  Été", "one two", "a \u00a0b"}) {
            assertThat(ValueMaps.norm(s)).as("'%s'", s).isEqualTo(byRegex(s));
        }
        Random rnd = new Random(7);
        char[] alphabet = {'a', 'B', ' ', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u00a0', 'é', '-'};
        for (int n = 0; n < 20_000; n++) {
            char[] cs = new char[rnd.nextInt(8)];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
            String s = new String(cs);
            assertThat(ValueMaps.norm(s)).as("'%s'", s).isEqualTo(byRegex(s));
        }
    }

    @Test
    void looksUpLooselySpelledKeysAndFallsBack() {
        ValueMaps maps = new ValueMaps();
        maps.add(new ValueMaps.ValueMap("stages", "stages.yaml", Map.of("Closed Won", "won"), "new"));
        assertThat(maps.lookup("stages", " closed \t WON")).isEqualTo("won");
        assertThat(maps.has("stages", "Closed  won")).isTrue();
        assertThat(maps.lookup("stages", "Proposal")).isEqualTo("new");
    }
}
