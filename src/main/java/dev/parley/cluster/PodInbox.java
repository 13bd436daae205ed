package dev.parley.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Reads this pod's partition of the deliveries topic, from the end (messages for connections this incarnation did
 * not hold are of no use; clients catch up with sync), and hands answers to whoever waits for them and every other
 * message to the feature's {@link InboxHandler} of its kind. One thread of its own, outside the event loop.
 */
final class PodInbox {

    private static final Logger LOG = Logger.getLogger(PodInbox.class);

    private final PodBus bus;
    private final Map<String, InboxHandler> handlers;
    private final PollLoop loop;
    private final KafkaClientMetrics consumerMetrics;

    /** Assigns the partition and fixes the start position before returning, so nothing put after is missed. */
    PodInbox(KafkaSettings kafka, PodIdentity pod, String topic, PodBus bus, Map<String, InboxHandler> handlers,
            MeterRegistry metrics) {
        this.bus = bus;
        this.handlers = handlers;
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumer("parley-inbox-" + pod.index(), null));
        TopicPartition partition = new TopicPartition(topic, pod.index());
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        consumerMetrics = new KafkaClientMetrics(consumer); // lag: frames and answers waiting for this pod
        consumerMetrics.bindTo(metrics);
        loop = new PollLoop("parley-inbox", consumer, records -> records.forEach(this::handle), () -> {
        });
    }

    PollLoop loop() {
        return loop;
    }

    void stop() {
        loop.stop(Duration.ofSeconds(5));
        consumerMetrics.close();
    }

    private void handle(ConsumerRecord<String, String> record) {
        String kind = PodBus.header(record.headers(), PodBus.KIND);
        try {
            if (PodBus.REPLY.equals(kind)) {
                bus.deliverReply(PodBus.header(record.headers(), PodBus.REQUEST_ID), record.value(),
                        PodBus.header(record.headers(), PodBus.ERROR));
                return;
            }
            InboxHandler handler = kind == null ? null : handlers.get(kind);
            if (handler == null) {
                LOG.warnf("Skipped an inbox message of unknown kind %s", kind);
                return;
            }
            String payload = record.value();
            // One span per message the record serves, covering its hand-over to this pod's sockets.
            bus.tracing().inSpans("parley " + kind, bus.tracesOf(record), () -> handler.handle(payload));
        } catch (Exception e) {
            LOG.warnf(e, "Skipped an inbox message of kind %s that could not be handled", kind);
        }
    }
}
