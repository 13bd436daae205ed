package dev.parley.message;

import java.time.Instant;

/** A message as durably stored, and as history returns it. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record StoredMessage(String id, String channelId, long seq, String senderId, String clientMsgId, String text,
        Instant sentAt) {
}
