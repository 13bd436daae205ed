package dev.parley.message;

import java.time.Instant;

/** A checked send on its way through Kafka to the writer of its channel; replyTo is the asking pod's index. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record SendRequest(String requestId, int replyTo, String id, String channelId, String senderId,
        String clientMsgId, String text, Instant sentAt) {

    static SendRequest of(String requestId, int replyTo, NewMessage m) {
        return new SendRequest(requestId, replyTo, m.id(), m.channelId(), m.senderId(), m.clientMsgId(), m.text(),
                m.sentAt());
    }

    NewMessage toNewMessage() {
        return new NewMessage(id, channelId, senderId, clientMsgId, text, sentAt);
    }
}
