package dev.parley.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.parley.message.StoredMessage;

/**
 * Server frame to the connection that sent an {@code edit} or {@code delete}: done (or nothing to do), with the
 * frame's ref and the message's changeSeq after it. Every member's devices also get the {@code changed} frame.
 */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
record ChangeAckFrame(String ref, String channelId, long seq, long changeSeq) {

    @JsonProperty("type")
    public String type() {
        return "changeAck";
    }

    static ChangeAckFrame of(String ref, StoredMessage message) {
        return new ChangeAckFrame(ref, message.channelId(), message.seq(), message.changeSeq());
    }
}
