package dev.parley.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Server frame: another member is typing in the channel. Not stored. */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
public record TypingFrame(String channelId, String userId) {

    @JsonProperty("type")
    public String type() {
        return "typing";
    }
}
