package dev.parley.cluster;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Serves the requests of the keys whose partitions of the requests topic this pod owns (consumer group
 * "parley-sequencers"): each record goes to the {@link RequestHandler}, one at a time, in order, and its answer back
 * to the asker. Offsets are committed only after handling, so a pod that dies leaves its unfinished requests to the
 * next owner. A request that keeps failing goes to the dead-letter topic, is counted and logged, and its asker gets
 * a failure.
 */
final class RequestServer {

    static final String GROUP = "parley-sequencers";
    private static final Logger LOG = Logger.getLogger(RequestServer.class);

    private final PodBus bus;
    private final RequestHandler handler;
    private final ParleyConfig.Cluster config;
    private final Counter deadLetters;
    private final PollLoop loop;
    private final KafkaClientMetrics consumerMetrics;

    RequestServer(KafkaSettings kafka, PodIdentity pod, ParleyConfig.Cluster config, PodBus bus, RequestHandler handler,
            MeterRegistry metrics) {
        this.bus = bus;
        this.handler = handler;
        this.config = config;
        this.deadLetters = metrics.counter("parley.dead_letters");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumer("parley-sequencer-" + pod.index(), GROUP));
        consumer.subscribe(List.of(config.sendsTopic()));
        // Consumer lag (records-lag-max and friends): how far the sequencers are behind.
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(metrics);
        loop = new PollLoop("parley-sequencer", consumer, records -> {
            records.forEach(this::serve);
            if (!records.isEmpty()) {
                consumer.commitSync();
            }
        }, consumer::commitSync);
    }

    /** Finishes the records in hand, commits, and leaves the group so its keys move at once. */
    void stop() {
        loop.stop(Duration.ofSeconds(10));
        consumerMetrics.close();
    }

    private void serve(ConsumerRecord<String, String> record) {
        Exception last = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            try {
                bus.reply(record, handler.answer(record.key(), record.value()), null);
                return;
            } catch (RequestHandler.PoisonRequest e) {
                last = e;
                break;
            } catch (Exception e) {
                last = e;
                LOG.warnf("Request %s-%d@%d failed (attempt %d of %d): %s", record.topic(), record.partition(),
                        record.offset(), attempt, config.maxAttempts(), e.toString());
                pause(100L * attempt);
            }
        }
        deadLetters.increment();
        LOG.errorf(last, "Request %s-%d@%d failed for good; moved to %s", record.topic(), record.partition(),
                record.offset(), config.deadLetterTopic());
        bus.deadLetter(record, last);
        bus.reply(record, "", String.valueOf(last));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
