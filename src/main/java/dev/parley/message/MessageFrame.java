package dev.parley.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Server frame: a message of a channel, live or in answer to sync. */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
public record MessageFrame(String channelId, long seq, String id, String senderId, String text, Instant sentAt,
        String clientMsgId) {

    @JsonProperty("type")
    public String type() {
        return "message";
    }

    public static MessageFrame of(StoredMessage m) {
        return new MessageFrame(m.channelId(), m.seq(), m.id(), m.senderId(), m.text(), m.sentAt(), m.clientMsgId());
    }
}
