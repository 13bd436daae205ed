package dev.parley.cluster;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;

/** Creates Parley's three topics when they are missing (every pod tries; the first one wins). */
@ApplicationScoped
public class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    private final KafkaSettings kafka;
    private final ParleyConfig.Cluster config;

    KafkaTopics(KafkaSettings kafka, ParleyConfig config) {
        this.kafka = kafka;
        this.config = config.cluster();
    }

    public void ensureExist() {
        try (Admin admin = Admin.create(kafka.admin())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(
                    new NewTopic(config.sendsTopic(), config.sendsPartitions(), config.replicationFactor()),
                    new NewTopic(config.deliveriesTopic(), config.deliveriesPartitions(), config.replicationFactor()),
                    new NewTopic(config.deadLetterTopic(), 1, config.replicationFactor()))
                    .stream().filter(topic -> !existing.contains(topic.name())).toList();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("Created Kafka topic %s with %d partitions", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reach Kafka at " + kafka.bootstrapServers() + " to set up topics", e);
        }
    }
}
