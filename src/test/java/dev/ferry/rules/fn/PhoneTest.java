package dev.ferry.rules.fn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneTest {
    @Test
    void restoresTheLeadingZeroASpreadsheetDroppedFromAnAustralianNumber() {
        assertThat(Phone.national("AU", 280425385L)).isEqualTo("02 8042 5385");
        assertThat(Phone.national("AU", "412345678")).isEqualTo("0412 345 678");
        assertThat(Phone.national("au", "7 3123 4567")).isEqualTo("07 3123 4567");
    }

    @Test
    void keepsNumbersThatDidNotLoseTheirZero() {
        assertThat(Phone.national("AU", " 02 9321 4058 ")).isEqualTo("02 9321 4058");
        assertThat(Phone.national("AU", "+64 9 555 0123")).isEqualTo("+64 9 555 0123");
        assertThat(Phone.national("AU", "131313")).isEqualTo("131313");
        assertThat(Phone.national("AU", "512345678")).isEqualTo("512345678");
    }

    @Test
    void otherCountriesAreTrimmedOnly() {
        assertThat(Phone.national("NZ", "412345678")).isEqualTo("412345678");
        assertThat(Phone.national(null, " 412345678")).isEqualTo("412345678");
        assertThat(Phone.national("AU", null)).isNull();
    }
}
