package dev.parley.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a message replies to: an earlier message of the same channel, by seq, with its author and the first
 * {@value #PREVIEW_CODE_POINTS} code points of its text as they are when read ("" and {@code deleted} once it is
 * deleted). Only the seq is stored; author and preview are filled in where messages are handed out.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplyTo(long seq, String senderId, String preview,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deleted) {

    static final int PREVIEW_CODE_POINTS = 100;

    /** As stored: the seq alone. */
    static ReplyTo seqOnly(long seq) {
        return new ReplyTo(seq, null, null, false);
    }

    static ReplyTo of(StoredMessage original) {
        String text = original.text();
        String preview = text.codePointCount(0, text.length()) <= PREVIEW_CODE_POINTS ? text
                : text.substring(0, text.offsetByCodePoints(0, PREVIEW_CODE_POINTS));
        return new ReplyTo(original.seq(), original.senderId(), preview, original.deleted());
    }

    boolean filledIn() {
        return senderId != null;
    }
}
