package dev.ferry.rules.fn;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {
    @Test
    void itemsSplitsOnCommasAndDropsBlanks() {
        assertThat(Text.items(" draft, sent ,,")).containsExactly("draft", "sent");
        assertThat(Text.items(null)).isEmpty();
    }

    @Test
    void writesParagraphsAndLineBreaksAsHtml() {
        assertThat(Text.html("One line & more")).isEqualTo("<p>One line &amp; more</p>");
        assertThat(Text.html("Met at the show.\r\nCall back in May.")).isEqualTo("<p>Met at the show.<br>Call back in May.</p>");
        assertThat(Text.html("First.\n \t\nSecond.")).isEqualTo("<p>First.</p><p>Second.</p>");
        assertThat(Text.html("  ")).isNull();
    }

    @Test
    void splitsParagraphsLikeTheRegexItReplaces() {
        Random rnd = new Random(5);
        char[] alphabet = {'a', 'b', '\n', '\n', ' ', '\t', '\r', '\f', '\u000B', '\u00a0'};
        for (int n = 0; n < 50_000; n++) {
            char[] cs = new char[rnd.nextInt(10)];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
            String s = new String(cs);
            assertThat(Text.paragraphs(s)).as("'%s'", s.replace("\n", "\\n"))
                    .isEqualTo(Arrays.asList(s.split("\n\\s*\n")));
        }
    }

    @Test
    void makesIdentifiers() {
        assertThat(Text.identifier("--Region Code!")).isEqualTo("region_code");
    }

    @Test
    void websitesWithoutASchemeGetHttpAsOdooStoresThem() {
        assertThat(Text.website("www.glsteelfab.ca")).isEqualTo("http://www.glsteelfab.ca");
        assertThat(Text.website(" example.ca/about ")).isEqualTo("http://example.ca/about");
        assertThat(Text.website("//example.ca")).isEqualTo("http://example.ca");
        assertThat(Text.website("example.ca:8080")).isEqualTo("http://example.ca:8080");
        assertThat(Text.website("https://example.ca")).isEqualTo("https://example.ca");
        assertThat(Text.website("HTTP://Example.ca")).isEqualTo("HTTP://Example.ca");
        assertThat(Text.website("  ")).isNull();
        assertThat(Text.website(null)).isNull();
    }
}
