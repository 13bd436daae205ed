package dev.parley.message;

import java.time.Instant;

/** A validated message not yet stored: the store gives it its seq. Crosses the pod bus as JSON. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record NewMessage(String id, String channelId, String senderId, String clientMsgId, String text, Instant sentAt) {
}
