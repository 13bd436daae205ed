package dev.parley.delivery;

import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.KafkaSettings;
import dev.parley.cluster.PodIdentity;
import dev.parley.config.ParleyConfig;

/** This pod's one Kafka producer (thread-safe), for sends, deliveries to other pods and replies. */
@ApplicationScoped
public class ClusterProducer {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ClusterProducer.class);

    private final KafkaProducer<String, String> producer;
    private final io.micrometer.core.instrument.Counter failed;
    private final ObjectMapper json;
    private final String deliveriesTopic;

    ClusterProducer(KafkaSettings kafka, PodIdentity pod, ObjectMapper json, ParleyConfig config,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        this.failed = metrics.counter("parley.kafka.sends.failed");
        this.producer = new KafkaProducer<>(kafka.producer("parley-pod-" + pod.index()));
        this.json = json;
        this.deliveriesTopic = config.cluster().deliveriesTopic();
    }

    /** Failures are counted and logged here; callers that must know wait on the future. */
    public Future<RecordMetadata> send(ProducerRecord<String, String> record) {
        return producer.send(record, (metadata, e) -> {
            if (e != null) {
                failed.increment();
                LOG.warnf(e, "A record for %s could not be written", record.topic());
            }
        });
    }

    /** Puts an envelope on the given pod's partition of the deliveries topic. */
    public Future<RecordMetadata> toPod(int podIndex, PodEnvelope envelope) {
        return send(new ProducerRecord<>(deliveriesTopic, podIndex, null, write(envelope)));
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
