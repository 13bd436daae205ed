package dev.parley.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Server frame: a message of a channel, live or in answer to sync, in its current state (a sync or history read after
 * an edit or deletion gives the edited text or the tombstone, with the fields of {@link StoredMessage}).
 */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
public record MessageFrame(String channelId, long seq, String id, String senderId, String text, Instant sentAt,
        String clientMsgId, @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long changeSeq,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<Reaction> reactions,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReplyTo replyTo,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<dev.parley.media.Attachment> attachments) {

    @JsonProperty("type")
    public String type() {
        return "message";
    }

    public static MessageFrame of(StoredMessage m) {
        return new MessageFrame(m.channelId(), m.seq(), m.id(), m.senderId(), m.text(), m.sentAt(), m.clientMsgId(),
                m.editedAt(), m.deletedAt(), m.changeSeq(), m.reactions(), m.replyTo(), m.attachments());
    }
}
