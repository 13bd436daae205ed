package dev.parley.presence;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Server frame, and the item of GET /presence: a user's status. lastActiveAt: now for an online user; when they went
 * offline for an offline one (null if they never connected).
 */
@JsonPropertyOrder({ "type" })
@io.quarkus.runtime.annotations.RegisterForReflection
public record PresenceFrame(String userId, String status, Instant lastActiveAt) {

    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    @JsonProperty("type")
    public String type() {
        return "presence";
    }
}
