package dev.parley.cluster;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;

/**
 * A Kafka producer whose {@link #sendNow} never waits, so it may be called from an event loop. KafkaProducer.send
 * waits in two cases: for a topic's metadata (loaded here by {@link #loadTopics}, as the pod joins, and kept by the
 * producer settings) and for room in its buffer when records pile up (Kafka unreachable for a while). For the second,
 * a record is refused at once with {@link BufferFull} when less than {@code minFreeBuffer} bytes are free.
 */
final class NonWaitingProducer implements AutoCloseable {

    /** Why a record was refused without waiting. */
    static final class BufferFull extends RuntimeException {
        BufferFull(double free) {
            super("the Kafka producer's buffer is nearly full (" + (long) free + " bytes free); not waiting for room",
                    null, false, false);
        }
    }

    private final KafkaProducer<String, String> producer;
    private final Metric bufferFree;
    private final long minFreeBuffer;

    NonWaitingProducer(Properties settings, long minFreeBuffer) {
        this.producer = new KafkaProducer<>(settings);
        this.minFreeBuffer = minFreeBuffer;
        this.bufferFree = producer.metrics().values().stream()
                .filter(m -> m.metricName().name().equals("buffer-available-bytes")
                        && m.metricName().group().equals("producer-metrics"))
                .findFirst().orElseThrow(() -> new IllegalStateException("the producer has no buffer-available-bytes"));
    }

    /** Loads the topics' metadata; waits (call it as the pod joins), so that no later record waits for it. */
    void loadTopics(String... topics) {
        for (String topic : topics) {
            producer.partitionsFor(topic);
        }
    }

    /** Hands the record on without waiting; a refusal reaches the callback before this returns. */
    void sendNow(ProducerRecord<String, String> record, Callback callback) {
        double free = ((Number) bufferFree.metricValue()).doubleValue();
        if (free < minFreeBuffer) {
            callback.onCompletion(null, new BufferFull(free));
            return;
        }
        producer.send(record, callback);
    }

    /** The producer's own send, which may wait: only where waiting is allowed (a worker thread). */
    Future<RecordMetadata> sendMayWait(ProducerRecord<String, String> record) {
        return producer.send(record);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
