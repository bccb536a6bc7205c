package dev.ferry.rules.fn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {
    @Test
    void itemsSplitsOnCommasAndDropsBlanks() {
        assertThat(Text.items(" draft, sent ,,")).containsExactly("draft", "sent");
        assertThat(Text.items(null)).isEmpty();
    }
}
