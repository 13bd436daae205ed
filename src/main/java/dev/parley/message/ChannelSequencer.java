package dev.parley.message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.KafkaSettings;
import dev.parley.cluster.PodIdentity;
import dev.parley.cluster.PollLoop;
import dev.parley.config.ParleyConfig;
import dev.parley.delivery.ClusterProducer;
import dev.parley.delivery.PendingReplies;
import dev.parley.delivery.PodEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The writer of the channels whose partitions of the sends topic this pod owns (consumer group
 * "parley-sequencers"). Records of a partition are handled one at a time, in order: that is what makes each
 * channel's seq order, delivery order and history order one. Offsets are committed only after handling, so a
 * pod that dies leaves its unfinished sends to the next owner (stored at most once: see {@link MessageStore}).
 * A record that keeps failing goes to the dead-letter topic, is counted and logged, and its sender gets an error.
 */
@ApplicationScoped
public class ChannelSequencer {

    private static final Logger LOG = Logger.getLogger(ChannelSequencer.class);
    static final String GROUP = "parley-sequencers";

    private final KafkaSettings kafka;
    private final ChannelWriter writer;
    private final ClusterProducer producer;
    private final PendingReplies replies;
    private final PodIdentity pod;
    private final ObjectMapper json;
    private final ParleyConfig.Cluster config;
    private final Counter deadLetters;
    private PollLoop loop;

    ChannelSequencer(KafkaSettings kafka, ChannelWriter writer, ClusterProducer producer, PendingReplies replies,
            PodIdentity pod, ObjectMapper json, ParleyConfig config, MeterRegistry metrics) {
        this.kafka = kafka;
        this.writer = writer;
        this.producer = producer;
        this.replies = replies;
        this.pod = pod;
        this.json = json;
        this.config = config.cluster();
        this.deadLetters = metrics.counter("parley.dead_letters");
    }

    public void start() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumer("parley-sequencer-" + pod.index(), GROUP));
        consumer.subscribe(List.of(config.sendsTopic()));
        loop = new PollLoop("parley-sequencer", consumer, records -> {
            records.forEach(this::handle);
            if (!records.isEmpty()) {
                consumer.commitSync();
            }
        }, consumer::commitSync);
    }

    /** Finishes the records in hand, commits, and leaves the group so its channels move at once. */
    public void stop() {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(10));
        }
    }

    void handle(ConsumerRecord<String, String> record) {
        SendRequest request;
        try {
            request = json.readValue(record.value(), SendRequest.class);
        } catch (Exception e) {
            deadLetter(record, e);
            return;
        }
        Exception last = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            try {
                reply(request, SendReply.of(writer.write(request.toNewMessage())));
                return;
            } catch (Exception e) {
                last = e;
                LOG.warnf("Storing send %s failed (attempt %d of %d): %s", request.requestId(), attempt,
                        config.maxAttempts(), e.toString());
                pause(100L * attempt);
            }
        }
        deadLetter(record, last);
        reply(request, SendReply.failed(String.valueOf(last)));
    }

    private void reply(SendRequest request, SendReply reply) {
        String payload = producer.write(reply);
        if (request.replyTo() == pod.index()) {
            replies.complete(request.requestId(), payload);
        } else {
            producer.toPod(request.replyTo(), PodEnvelope.reply(request.requestId(), payload));
        }
    }

    /** Waits for the dead-letter write: the offset is committed after, so the record cannot vanish in between. */
    private void deadLetter(ConsumerRecord<String, String> record, Exception cause) {
        deadLetters.increment();
        LOG.errorf(cause, "Send record %s-%d@%d failed for good; moved to %s", record.topic(), record.partition(),
                record.offset(), config.deadLetterTopic());
        ProducerRecord<String, String> dead = new ProducerRecord<>(config.deadLetterTopic(), record.key(), record.value());
        dead.headers().add("parley-source", (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        dead.headers().add("parley-error", String.valueOf(cause).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(dead).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not write to the dead-letter topic; the record will be retried", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
