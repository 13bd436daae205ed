package dev.parley.gateway;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Server frame: everything a sync asked for was sent. truncated: channels with more missed messages than one sync
 * sends (page the rest over REST); notMember: channels the user may not read.
 */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
record SyncedFrame(List<String> truncated, List<String> notMember) {

    @JsonProperty("type")
    public String type() {
        return "synced";
    }
}
