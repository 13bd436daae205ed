package dev.parley.delivery;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A record on a pod's partition of the deliveries topic: a frame for some of its users' connections ("frame":
 * userIds + the frame's JSON text), a presence frame for the connections watching a user ("watchers"), or the
 * answer to a request the pod made ("reply": requestId + payload).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@io.quarkus.runtime.annotations.RegisterForReflection
public record PodEnvelope(String kind, List<String> userIds, String frame, String requestId, String payload) {

    public static final String FRAME = "frame";
    public static final String REPLY = "reply";
    /** A presence frame for this pod's connections watching userIds[0]. */
    public static final String WATCHERS = "watchers";

    public static PodEnvelope frame(List<String> userIds, String frame) {
        return new PodEnvelope(FRAME, userIds, frame, null, null);
    }

    public static PodEnvelope watchers(String watchedUserId, String frame) {
        return new PodEnvelope(WATCHERS, List.of(watchedUserId), frame, null, null);
    }

    public static PodEnvelope reply(String requestId, String payload) {
        return new PodEnvelope(REPLY, null, null, requestId, payload);
    }
}
