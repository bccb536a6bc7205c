package dev.ferry.rules.fn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {
    @Test
    void writesParagraphsAndLineBreaksAsHtml() {
        assertThat(Text.html("One line & more")).isEqualTo("<p>One line &amp; more</p>");
        assertThat(Text.html("Met at the show.\r\nCall back in May.")).isEqualTo("<p>Met at the show.<br>Call back in May.</p>");
        assertThat(Text.html("First.\n \t\nSecond.")).isEqualTo("<p>First.</p><p>Second.</p>");
        assertThat(Text.html("  ")).isNull();
    }

    @Test
    void makesIdentifiers() {
        assertThat(Text.identifier("--Region Code!")).isEqualTo("region_code");
    }
}
