package dev.parley.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Server frame: a member's read marker moved forward to seq. */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
public record ReadFrame(String channelId, String userId, long seq) {

    @JsonProperty("type")
    public String type() {
        return "read";
    }
}
