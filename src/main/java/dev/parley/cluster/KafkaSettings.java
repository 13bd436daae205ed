package dev.parley.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.parley.config.ParleyConfig;

/** Client settings for Parley's Kafka producers and consumers, from the standard kafka.bootstrap.servers key. */
@ApplicationScoped
public class KafkaSettings {

    private final String bootstrapServers;
    private final String securityProtocol;
    private final ParleyConfig.Cluster tuning;

    KafkaSettings(ParleyConfig config, @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            // SSL for MSK's TLS listener (KAFKA_SECURITY_PROTOCOL=SSL); PLAINTEXT locally.
            @ConfigProperty(name = "kafka.security.protocol", defaultValue = "PLAINTEXT") String securityProtocol) {
        this.bootstrapServers = bootstrapServers;
        this.securityProtocol = securityProtocol;
        this.tuning = config.cluster();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Idempotent, acks from all in-sync replicas: a record the broker acknowledged is not lost or doubled. Topic
     * metadata, once loaded, is kept however long a topic is idle, so sends never wait to load it again.
     */
    public Properties producer(String clientId) {
        Properties props = base(clientId);
        props.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, (int) Duration.ofDays(7).toMillis());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) tuning.producerLinger().toMillis());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /** Offsets are committed by the code after processing, never automatically. */
    public Properties consumer(String clientId, String groupId) {
        Properties props = base(clientId);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            // A dead pod's channels move to a live one within seconds, not the default 45.
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
            props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, tuning.fetchMinBytes());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) tuning.fetchMaxWait().toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /**
     * The requests' consumer takes what has piled up in one poll (a poll's records of a channel become one batch),
     * bounded by bytes as well: at most 16 MB in hand.
     */
    public Properties requestsConsumer(String clientId, String groupId) {
        Properties props = consumer(clientId, groupId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        return props;
    }

    public Map<String, Object> admin() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("security.protocol", securityProtocol);
        props.put("request.timeout.ms", 5000);
        props.put("default.api.timeout.ms", 10000);
        return props;
    }

    private Properties base(String clientId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("security.protocol", securityProtocol);
        props.put("client.id", clientId);
        return props;
    }
}
