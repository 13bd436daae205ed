package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.parley.support.ClusterStack;
import dev.parley.support.Waits;

/**
 * Issue 11, item 2: a handler that throws used to end the loop for good, and its final commit passed the records it
 * never handled. On a real Kafka broker.
 */
class PollLoopTest {

    private final String bootstrap = ClusterStack.get().kafkaBootstrap();
    private final String topic = "poll-loop-" + UUID.randomUUID();

    private void produce(String... values) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private long committed(String group) {
        try (KafkaConsumer<String, String> reader = consumer(group)) {
            OffsetAndMetadata offset = reader.committed(java.util.Set.of(new TopicPartition(topic, 0)))
                    .get(new TopicPartition(topic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    @Test
    void aHandlerThatThrowsOnceGetsTheSameRecordsAgainAndTheLoopGoesOn() throws Exception {
        produce("a", "b", "c");
        String group = "g-" + UUID.randomUUID();
        KafkaConsumer<String, String> consumer = consumer(group);
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        PollLoop loop = new PollLoop("test-loop", consumer, records -> {
            if (!records.isEmpty() && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("an unexpected failure, once");
            }
            records.forEach(record -> handled.add(record.value()));
            consumer.commitSync();
        }, consumer::commitSync);

        Waits.until(() -> handled.size() == 3, "every record handled after the failure");
        assertThat(handled).containsExactly("a", "b", "c");
        assertThat(loop.healthy()).isTrue();
        loop.stop(Duration.ofSeconds(10));
        assertThat(committed(group)).isEqualTo(3);
    }

    @Test
    void aLoopThatDiesIsReportedAndCommitsNothingItDidNotHandle() throws Exception {
        produce("a", "b");
        String group = "g-" + UUID.randomUUID();
        KafkaConsumer<String, String> consumer = consumer(group);
        AtomicBoolean closingStepRan = new AtomicBoolean();
        PollLoop loop = new PollLoop("test-loop", consumer, records -> {
            if (!records.isEmpty()) {
                throw new StackOverflowError("the JVM is in trouble"); // a VirtualMachineError: no retry
            }
        }, () -> {
            closingStepRan.set(true);
            consumer.commitSync();
        });

        Waits.until(() -> !loop.healthy(), "the loop to be reported dead");
        assertThat(closingStepRan).isFalse();
        assertThat(committed(group)).isZero();
    }
}
