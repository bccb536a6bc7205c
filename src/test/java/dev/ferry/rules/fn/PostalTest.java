package dev.ferry.rules.fn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostalTest {
    @Test
    void australianCodesOfThreeDigitsGetTheirLeadingZeroBack() {
        assertThat(Postal.normalize("AU", 800L)).isEqualTo("0800");
        assertThat(Postal.normalize("AU", "870")).isEqualTo("0870");
        assertThat(Postal.normalize("AU", " 2095 ")).isEqualTo("2095");
        assertThat(Postal.normalize("AU", "20955")).isEqualTo("20955");
    }

    @Test
    void canadianAndBritishCodesGetTheirSpace() {
        assertThat(Postal.normalize("CA", "k1a0b1")).isEqualTo("K1A 0B1");
        assertThat(Postal.normalize("GB", "SW1A1AA")).isEqualTo("SW1A 1AA");
        assertThat(Postal.normalize("US", " 10001 ")).isEqualTo("10001");
        assertThat(Postal.normalize(null, null)).isNull();
    }
}
