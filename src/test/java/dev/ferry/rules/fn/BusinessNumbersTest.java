package dev.ferry.rules.fn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessNumbersTest {
    @Test
    void digitsDropsSpacesAndPunctuation() {
        assertThat(BusinessNumbers.digits("51 824 753 556")).isEqualTo("51824753556");
        assertThat(BusinessNumbers.digits("000-000-019")).isEqualTo("000000019");
        assertThat(BusinessNumbers.digits("N/A")).isNull();
        assertThat(BusinessNumbers.digits(null)).isNull();
    }

    @Test
    void acceptsAnAbnWhoseAbrChecksumHolds() {
        // The ATO's own example ABN.
        assertThat(BusinessNumbers.abnValid("51824753556")).isTrue();
        assertThat(BusinessNumbers.abnValid(BusinessNumbers.digits("53 004 085 616"))).isTrue();
    }

    @Test
    void refusesAnAbnWithAWrongDigitOrLength() {
        assertThat(BusinessNumbers.abnValid("51824753557")).isFalse();
        assertThat(BusinessNumbers.abnValid("4100085616")).isFalse();
        assertThat(BusinessNumbers.abnValid("5182475355a")).isFalse();
        assertThat(BusinessNumbers.abnValid(null)).isFalse();
    }

    @Test
    void acceptsAnAcnWhoseCheckDigitHolds() {
        // ASIC's published examples.
        assertThat(BusinessNumbers.acnValid("000000019")).isTrue();
        assertThat(BusinessNumbers.acnValid("010499966")).isTrue();
        assertThat(BusinessNumbers.acnValid("004085616")).isTrue();
    }

    @Test
    void refusesAnAcnWithAWrongCheckDigitOrLength() {
        assertThat(BusinessNumbers.acnValid("010499967")).isFalse();
        assertThat(BusinessNumbers.acnValid("10499966")).isFalse();
        assertThat(BusinessNumbers.acnValid(null)).isFalse();
    }
}
