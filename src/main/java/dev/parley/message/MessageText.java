package dev.parley.message;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;

/** The rules a message text must meet before it is stored. */
final class MessageText {

    static final int MAX_CODE_POINTS = 100_000;

    private MessageText() {
    }

    static void validate(String text) {
        validate(text, false);
    }

    /** The same; a message that carries attachments may have an empty text. */
    static void validate(String text, boolean carriesAttachments) {
        if (text == null || (text.isEmpty() && !carriesAttachments)) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "text must not be empty");
        }
        // Cheap bound first: 100,000 code points are at most 200,000 UTF-16 units.
        if (text.length() > 2 * MAX_CODE_POINTS || text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw new DomainException(ErrorCode.TOO_LARGE, "text is longer than " + MAX_CODE_POINTS + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new DomainException(ErrorCode.BAD_REQUEST, "text must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new DomainException(ErrorCode.BAD_REQUEST, "text is not valid Unicode (unpaired surrogate)");
            }
        }
    }
}
