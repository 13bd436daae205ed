package dev.parley.message;

import java.time.Instant;

/**
 * A validated message not yet stored: the store gives it its seq. Crosses the pod bus as JSON. {@code replyTo}: the
 * earlier message it replies to, or null.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record NewMessage(String id, String channelId, String senderId, String clientMsgId, String text, Instant sentAt,
        ReplyTo replyTo) {

    public NewMessage(String id, String channelId, String senderId, String clientMsgId, String text, Instant sentAt) {
        this(id, channelId, senderId, clientMsgId, text, sentAt, null);
    }
}
