package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;

class MessageTextTest {

    @Test
    void countsCodePointsNotUtf16Units() {
        assertThatCode(() -> MessageText.validate("\uD83D\uDE00".repeat(100_000))).doesNotThrowAnyException();
        assertThatCode(() -> MessageText.validate("a".repeat(100_000))).doesNotThrowAnyException();
        assertRefused("a".repeat(100_001), ErrorCode.TOO_LARGE);
        assertRefused("\uD83D\uDE00".repeat(100_001), ErrorCode.TOO_LARGE);
    }

    @Test
    void refusesEmptyNulAndBrokenSurrogates() {
        assertRefused("", ErrorCode.BAD_REQUEST);
        assertRefused(null, ErrorCode.BAD_REQUEST);
        assertRefused("a\u0000b", ErrorCode.BAD_REQUEST);
        assertRefused("\uD83D", ErrorCode.BAD_REQUEST);
        assertRefused("x\uDE00", ErrorCode.BAD_REQUEST);
        assertThatCode(() -> MessageText.validate(" ")).doesNotThrowAnyException();
    }

    private static void assertRefused(String text, ErrorCode error) {
        assertThatThrownBy(() -> MessageText.validate(text)).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(error);
    }
}
