package dev.parley.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Server frame to the sending connection: the message is durably stored under this seq. */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
public record AckFrame(String clientMsgId, String channelId, long seq, String id, Instant sentAt) {

    @JsonProperty("type")
    public String type() {
        return "ack";
    }

    public static AckFrame of(StoredMessage m) {
        return new AckFrame(m.clientMsgId(), m.channelId(), m.seq(), m.id(), m.sentAt());
    }
}
