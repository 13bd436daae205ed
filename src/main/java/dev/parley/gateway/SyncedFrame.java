package dev.parley.gateway;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Server frame: everything a sync asked for was sent. truncated: channels with more missed messages than one sync
 * sends (page the rest over REST); notMember: channels the user may not read. When the sync had changeCursors:
 * changeCursors, the changeSeq to keep per channel (the channel's last change, or where this answer stopped), and
 * changesTruncated, the channels with more changes than one sync sends (sync again from the new cursor).
 */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
record SyncedFrame(List<String> truncated, List<String> notMember,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> changeCursors,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> changesTruncated) {

    @JsonProperty("type")
    public String type() {
        return "synced";
    }
}
