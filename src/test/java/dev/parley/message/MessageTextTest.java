package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.parley.common.ChatError;
import dev.parley.common.ChatException;

class MessageTextTest {

    @Test
    void countsCodePointsNotUtf16Units() {
        assertThatCode(() -> MessageText.validate("\uD83D\uDE00".repeat(100_000))).doesNotThrowAnyException();
        assertThatCode(() -> MessageText.validate("a".repeat(100_000))).doesNotThrowAnyException();
        assertRefused("a".repeat(100_001), ChatError.TOO_LARGE);
        assertRefused("\uD83D\uDE00".repeat(100_001), ChatError.TOO_LARGE);
    }

    @Test
    void refusesEmptyNulAndBrokenSurrogates() {
        assertRefused("", ChatError.BAD_REQUEST);
        assertRefused(null, ChatError.BAD_REQUEST);
        assertRefused("a\u0000b", ChatError.BAD_REQUEST);
        assertRefused("\uD83D", ChatError.BAD_REQUEST);
        assertRefused("x\uDE00", ChatError.BAD_REQUEST);
        assertThatCode(() -> MessageText.validate(" ")).doesNotThrowAnyException();
    }

    private static void assertRefused(String text, ChatError error) {
        assertThatThrownBy(() -> MessageText.validate(text)).isInstanceOf(ChatException.class)
                .extracting(e -> ((ChatException) e).error()).isEqualTo(error);
    }
}
