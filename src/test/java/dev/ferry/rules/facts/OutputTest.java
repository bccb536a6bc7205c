package dev.ferry.rules.facts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputTest {
    @Test
    void sanitisesKeysToLettersDigitsAndSingleUnderscores() {
        assertThat(Output.sanitize("J1043")).isEqualTo("J1043");
        assertThat(Output.sanitize("J-1043")).isEqualTo("J_1043");
        assertThat(Output.sanitize("A -- B")).isEqualTo("A_B");
        assertThat(Output.sanitize("Zoë 1")).isEqualTo("Zo_1");
        assertThat(Output.sanitize("")).isEmpty();
    }
}
