package dev.ferry.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlCharactersTest {

    @Test
    void keepsTabLineBreaksAndEveryCharacterOutsideTheBasicPlane() {
        String s = "a\tb\nc\r\nd 😀 𝔘 𠀀 e\u0301 שלום مرحبا \u0085\u007f\u2028\ufffd";
        assertThat(ControlCharacters.first(s)).isEqualTo(-1);
    }

    @Test
    void removesC0ControlsUnpairedSurrogatesAndNonCharacters() {
        String s = "x\u0007y\u0000\ud83dz\ude00\ufffe\uffff😀";
        int at = ControlCharacters.first(s);
        assertThat(at).isEqualTo(1);
        assertThat(ControlCharacters.remove(s, at)).isEqualTo("xyz😀");
        assertThat(ControlCharacters.describe(s, at))
                .isEqualTo("U+0000 (NUL), U+0007 (BEL), U+D83D, U+DE00, U+FFFE, U+FFFF");
    }

    @Test
    void showsTheRemovedCharactersFromShortlyBeforeTheFirst() {
        String s = "0123456789".repeat(5) + "\u0007end";
        assertThat(ControlCharacters.shown(s, 50)).isEqualTo("…01234567890123456789<U+0007>end");
    }
}
