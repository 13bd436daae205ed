package dev.parley.message;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.PodIdentity;
import dev.parley.common.ChatError;
import dev.parley.common.ChatException;
import dev.parley.common.Ids;
import dev.parley.config.ParleyConfig;
import dev.parley.delivery.ClusterProducer;
import dev.parley.delivery.PendingReplies;

/**
 * Cluster adapter of {@link SendPipeline}: the send goes to the sends topic keyed by channel, so the one consumer
 * that owns the channel's partition (on whichever pod) stores it in order; this pod waits for its reply.
 */
@ApplicationScoped
@Typed(KafkaSendPipeline.class)
public class KafkaSendPipeline implements SendPipeline {

    private final ClusterProducer producer;
    private final PendingReplies replies;
    private final PodIdentity pod;
    private final ObjectMapper json;
    private final String topic;
    private final Duration timeout;

    KafkaSendPipeline(ClusterProducer producer, PendingReplies replies, PodIdentity pod, ObjectMapper json,
            ParleyConfig config) {
        this.producer = producer;
        this.replies = replies;
        this.pod = pod;
        this.json = json;
        this.topic = config.cluster().sendsTopic();
        this.timeout = config.cluster().sendTimeout();
    }

    @Override
    public SendResult submit(NewMessage message) {
        String requestId = Ids.newId();
        replies.expect(requestId);
        try {
            String record = producer.write(SendRequest.of(requestId, pod.index(), message));
            producer.send(new ProducerRecord<>(topic, message.channelId(), record)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            replies.cancel(requestId);
            throw new ChatException(ChatError.INTERNAL, "the message could not be queued; resend it with the same clientMsgId");
        }
        Optional<String> payload = replies.await(requestId, timeout);
        if (payload.isEmpty()) {
            throw new ChatException(ChatError.INTERNAL,
                    "the message was not confirmed in time; resend it with the same clientMsgId");
        }
        SendReply reply = read(payload.get());
        if (reply.error() != null) {
            throw new ChatException(ChatError.INTERNAL, "the message could not be stored; resend it with the same clientMsgId");
        }
        return new SendResult(reply.message(), reply.duplicate());
    }

    private SendReply read(String payload) {
        try {
            return json.readValue(payload, SendReply.class);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable send reply", e);
        }
    }
}
