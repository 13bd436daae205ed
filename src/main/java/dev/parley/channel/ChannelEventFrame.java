package dev.parley.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Server frame: the recipient joined a channel, left it (or was removed), or its members changed. {@code channel}
 * is the recipient's own view of it; absent after "left".
 */
@JsonPropertyOrder({ "type", "event" })
@JsonInclude(JsonInclude.Include.NON_NULL)
@io.quarkus.runtime.annotations.RegisterForReflection
public record ChannelEventFrame(String event, String channelId, ChannelView channel) {

    public static final String JOINED = "joined";
    public static final String LEFT = "left";
    public static final String UPDATED = "updated";

    @JsonProperty("type")
    public String type() {
        return "channel";
    }
}
