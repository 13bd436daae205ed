package dev.parley.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Server frame: a message already sent was edited, deleted or reacted to; it carries the message's state after the change
 * (clients replace what they hold for that seq if this changeSeq is above the one they hold). Live to every member
 * when the change is stored, and in answer to a sync's changeCursors.
 */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
public record ChangedFrame(String channelId, long seq, long changeSeq, String id, String senderId, String text,
        Instant sentAt, String clientMsgId, @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<Reaction> reactions,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReplyTo replyTo,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<dev.parley.media.Attachment> attachments) {

    @JsonProperty("type")
    public String type() {
        return "changed";
    }

    public static ChangedFrame of(StoredMessage m) {
        return new ChangedFrame(m.channelId(), m.seq(), m.changeSeq(), m.id(), m.senderId(), m.text(), m.sentAt(),
                m.clientMsgId(), m.editedAt(), m.deletedAt(), m.reactions(), m.replyTo(), m.attachments());
    }
}
