package dev.parley.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

    @ParameterizedTest
    @ValueSource(strings = { "Ada Lovelace", "Zoë", "日本語", "عربي", "עברית", "😀 party", "a-b_c.d", "O'Brien" })
    void anyScriptAndEmojiArePlain(String name) {
        assertThat(PlainText.Validator.isPlain(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "a\u0000b", "tab\there", "new\nline", "\u202Eevil", "\u2066isolate\u2069", "\u200Ehidden",
            "zero\u200Bwidth", "join\u200Der", "\uFEFFbom", "soft\u00ADhyphen", "half\uD83D", "tag\uDB40\uDC01" })
    void controlsBidiInvisibleAndBrokenCharactersAreNot(String name) {
        assertThat(PlainText.Validator.isPlain(name)).isFalse();
    }
}
