package dev.parley.delivery;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.KafkaSettings;
import dev.parley.cluster.PodIdentity;
import dev.parley.cluster.PollLoop;
import dev.parley.config.ParleyConfig;

/**
 * Reads this pod's partition of the deliveries topic, from the end (frames for connections this incarnation did not
 * hold are of no use; clients catch up with sync), and hands frames to local connections and replies to whoever
 * waits for them. One thread of its own, outside the event loop.
 */
@ApplicationScoped
public class PodInbox {

    private static final Logger LOG = Logger.getLogger(PodInbox.class);

    private final KafkaSettings kafka;
    private final PodIdentity pod;
    private final LocalConnections local;
    private final PendingReplies replies;
    private final ObjectMapper json;
    private final String topic;
    private PollLoop loop;

    PodInbox(KafkaSettings kafka, PodIdentity pod, LocalConnections local, PendingReplies replies, ObjectMapper json,
            ParleyConfig config) {
        this.kafka = kafka;
        this.pod = pod;
        this.local = local;
        this.replies = replies;
        this.json = json;
        this.topic = config.cluster().deliveriesTopic();
    }

    /** Assigns the partition and fixes the start position before returning, so nothing sent after is missed. */
    public void start() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumer("parley-inbox-" + pod.index(), null));
        TopicPartition partition = new TopicPartition(topic, pod.index());
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        loop = new PollLoop("parley-inbox", consumer, records -> records.forEach(record -> handle(record.value())), () -> {
        });
    }

    public void stop() {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    private void handle(String value) {
        try {
            PodEnvelope envelope = json.readValue(value, PodEnvelope.class);
            if (PodEnvelope.FRAME.equals(envelope.kind())) {
                envelope.userIds().forEach(user -> local.send(user, envelope.frame()));
            } else if (PodEnvelope.WATCHERS.equals(envelope.kind())) {
                local.sendToWatchers(envelope.userIds().get(0), envelope.frame());
            } else if (PodEnvelope.REPLY.equals(envelope.kind())) {
                replies.complete(envelope.requestId(), envelope.payload());
            }
        } catch (Exception e) {
            LOG.warn("Skipped an unreadable record in this pod's inbox", e);
        }
    }
}
