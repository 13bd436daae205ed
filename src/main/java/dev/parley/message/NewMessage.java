package dev.parley.message;

import java.time.Instant;
import java.util.List;

import dev.parley.media.Attachment;

/**
 * A validated message not yet stored: the store gives it its seq. Crosses the pod bus as JSON. {@code replyTo}: the
 * earlier message it replies to, or null; {@code attachments}: the files it carries (checked ready), none if empty.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record NewMessage(String id, String channelId, String senderId, String clientMsgId, String text, Instant sentAt,
        ReplyTo replyTo, List<Attachment> attachments) {

    public NewMessage {
        attachments = attachments == null ? List.of() : attachments;
    }

    public NewMessage(String id, String channelId, String senderId, String clientMsgId, String text, Instant sentAt) {
        this(id, channelId, senderId, clientMsgId, text, sentAt, null, List.of());
    }
}
