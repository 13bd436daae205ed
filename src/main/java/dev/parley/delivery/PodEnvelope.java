package dev.parley.delivery;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A record on a pod's partition of the deliveries topic: either a frame for some of its users' connections
 * ("frame": userIds + the frame's JSON text), or the answer to a request the pod made ("reply": requestId + payload).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodEnvelope(String kind, List<String> userIds, String frame, String requestId, String payload) {

    public static final String FRAME = "frame";
    public static final String REPLY = "reply";

    public static PodEnvelope frame(List<String> userIds, String frame) {
        return new PodEnvelope(FRAME, userIds, frame, null, null);
    }

    public static PodEnvelope reply(String requestId, String payload) {
        return new PodEnvelope(REPLY, null, null, requestId, payload);
    }
}
