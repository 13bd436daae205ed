package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.parley.support.ClusterStack;

/** The bus's producer may be called from an event loop: it hands records on, or refuses them, and never waits. */
class NonWaitingProducerTest {

    private static final long MIN_FREE = 8L * 1024 * 1024;

    private final String bootstrap = ClusterStack.get().kafkaBootstrap();
    private final String topic = "non-waiting-" + UUID.randomUUID();

    private Properties settings(long bufferBytes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    @Test
    void aRecordWithRoomInTheBufferReachesTheBroker() throws Exception {
        createTopic();
        try (NonWaitingProducer producer = new NonWaitingProducer(settings(32L * 1024 * 1024), MIN_FREE)) {
            producer.loadTopics(topic);
            CompletableFuture<RecordMetadata> written = new CompletableFuture<>();
            producer.sendNow(new ProducerRecord<>(topic, "k", "v"), (metadata, e) -> {
                if (e == null) {
                    written.complete(metadata);
                } else {
                    written.completeExceptionally(e);
                }
            });
            assertThat(written.get(30, TimeUnit.SECONDS).offset()).isEqualTo(0);
        }
    }

    @Test
    void aRecordIsRefusedAtOnceWhenTooLittleOfTheBufferIsFree() throws Exception {
        createTopic();
        // Less free than the bound from the start: as a buffer filled by an unreachable broker would be.
        try (NonWaitingProducer producer = new NonWaitingProducer(settings(MIN_FREE - 1), MIN_FREE)) {
            producer.loadTopics(topic);
            Exception[] refusal = new Exception[1];
            producer.sendNow(new ProducerRecord<>(topic, "k", "v"), (metadata, e) -> refusal[0] = e);
            // Refused before sendNow returned: the callback ran on this thread, nothing was queued or waited for.
            assertThat(refusal[0]).isInstanceOf(NonWaitingProducer.BufferFull.class);
        }
    }
}
