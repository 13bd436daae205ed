package dev.parley.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Serves the requests of the keys whose partitions of the requests topic this pod owns (consumer group
 * "parley-sequencers"). Each poll's records are grouped by key; every key's records go to the
 * {@link RequestHandler} together and in order, all keys at once, and each answer back to its asker. Offsets are
 * committed only once every record of the poll is answered (without waiting for the broker; waiting as partitions
 * move and at the end), so a pod that dies leaves its unfinished requests to the next owner. While a poll's records
 * are being answered the next ones wait in Kafka, which is what makes the handler's batches grow with the load.
 * Requests that keep failing go to the dead-letter topic, are counted and logged, and their askers get a failure.
 */
final class RequestServer {

    static final String GROUP = "parley-sequencers";
    private static final Logger LOG = Logger.getLogger(RequestServer.class);

    private final PodBus bus;
    private final RequestHandler handler;
    private final ParleyConfig.Cluster config;
    private final Counter deadLetters;
    private final KafkaConsumer<String, String> consumer;
    private final PollLoop loop;
    private final KafkaClientMetrics consumerMetrics;

    RequestServer(KafkaSettings kafka, PodIdentity pod, ParleyConfig.Cluster config, PodBus bus, RequestHandler handler,
            MeterRegistry metrics) {
        this.bus = bus;
        this.handler = handler;
        this.config = config;
        this.deadLetters = metrics.counter("parley.dead_letters");
        this.consumer = new KafkaConsumer<>(kafka.requestsConsumer("parley-sequencer-" + pod.index(), GROUP));
        consumer.subscribe(List.of(config.sendsTopic()), new ConsumerRebalanceListener() {
            /** Every record polled so far is answered (a poll's are, before the next poll): make it stick. */
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                try {
                    commit();
                } catch (RuntimeException e) { // thrown from here it would end the poll loop
                    LOG.warnf("Offsets not committed as the sequencer partitions move: %s", e.toString());
                }
            }

            /** Already someone else's: a commit could only fail. */
            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    handler.partitionsAssigned();
                }
            }
        });
        // Consumer lag (records-lag-max and friends): how far the sequencers are behind.
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(metrics);
        loop = new PollLoop("parley-sequencer", consumer, this::serveAll, this::commit);
    }

    PollLoop loop() {
        return loop;
    }

    /** Finishes the records in hand, commits, and leaves the group so its keys move at once. */
    void stop() {
        loop.stop(Duration.ofSeconds(10));
        consumerMetrics.close();
    }

    private void serveAll(ConsumerRecords<String, String> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, List<ConsumerRecord<String, String>>> byKey = new LinkedHashMap<>();
        records.forEach(record -> byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record));
        // One span per request, a child of the asker's, open until its answer is sent (retries included).
        List<Span> spans = new ArrayList<>(records.count());
        Map<String, List<RequestHandler.Request>> requests = new LinkedHashMap<>();
        byKey.forEach((key, batch) -> requests.put(key, batch.stream().map(record -> {
            Context asked = bus.traceOf(record);
            Span span = bus.tracing().start(record.topic() + " process", SpanKind.CONSUMER, asked);
            spans.add(span);
            return new RequestHandler.Request(record.value(), asked.with(span));
        }).toList()));
        Map<String, CompletableFuture<List<RequestHandler.Answer>>> answers = ask(requests);
        try {
            CompletableFuture.allOf(byKey.entrySet().stream()
                    .map(entry -> settle(entry.getValue(), requests.get(entry.getKey()), answers.get(entry.getKey()), 1))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            spans.forEach(Span::end);
        }
        // Without waiting: the next poll need not wait a broker round trip. A commit that fails or is lost with the
        // pod leaves answered requests to be served again, which the store answers with what it stored (a resend).
        consumer.commitAsync((offsets, failure) -> {
            if (failure != null) {
                LOG.debugf("Offsets not committed (the next commit carries them): %s", failure.toString());
            }
        });
    }

    /**
     * Waits for the commit (and any still in flight): as the partitions move and as the loop ends. A commit refused
     * because the partitions moved is harmless: the next owner starts at the last commit.
     */
    private void commit() {
        try {
            consumer.commitSync();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.infof("Offsets not committed, the sequencer partitions are moving: %s", e.getMessage());
        }
    }

    private Map<String, CompletableFuture<List<RequestHandler.Answer>>> ask(
            Map<String, List<RequestHandler.Request>> requests) {
        try {
            return handler.answerAll(requests);
        } catch (RuntimeException e) {
            Map<String, CompletableFuture<List<RequestHandler.Answer>>> failed = new LinkedHashMap<>();
            requests.keySet().forEach(key -> failed.put(key, CompletableFuture.failedFuture(e)));
            return failed;
        }
    }

    /** Answers the askers of one key's requests, or retries them, or gives them up. */
    private CompletableFuture<Void> settle(List<ConsumerRecord<String, String>> batch,
            List<RequestHandler.Request> requests, CompletableFuture<List<RequestHandler.Answer>> answers, int attempt) {
        return answers.handle((answered, failure) -> {
            if (failure == null) {
                return reply(batch, answered);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                    : failure;
            if (cause instanceof RequestHandler.LostOwnership) {
                LOG.infof("Requests of %s left to their new owner: %s", batch.get(0).key(), cause.getMessage());
                return CompletableFuture.<Void>completedFuture(null);
            }
            ConsumerRecord<String, String> first = batch.get(0);
            if (attempt < config.maxAttempts()) {
                LOG.warnf("Requests %s-%d@%d (%d) failed (attempt %d of %d): %s", first.topic(), first.partition(),
                        first.offset(), batch.size(), attempt, config.maxAttempts(), cause.toString());
                return CompletableFuture.runAsync(() -> {
                }, CompletableFuture.delayedExecutor(100L * attempt, TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> settle(batch, requests,
                                ask(Map.of(first.key(), requests)).get(first.key()), attempt + 1));
            }
            // Waits for the dead-letter writes: not on the thread the answer completed on (an event loop, maybe).
            return CompletableFuture.runAsync(() -> batch.forEach(record -> giveUp(record,
                    cause instanceof Exception e ? e : new RuntimeException(cause))), Infrastructure.getDefaultWorkerPool());
        }).thenCompose(next -> next);
    }

    /** Answers without waiting; an unreadable request's dead-letter write is waited for on a worker thread. */
    private CompletableFuture<Void> reply(List<ConsumerRecord<String, String>> batch, List<RequestHandler.Answer> answers) {
        List<Runnable> poisoned = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            RequestHandler.Answer answer = answers.get(i);
            ConsumerRecord<String, String> record = batch.get(i);
            if (answer.poison() == null) {
                bus.reply(record, answer.value(), null);
            } else {
                poisoned.add(() -> giveUp(record, answer.poison()));
            }
        }
        return poisoned.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> poisoned.forEach(Runnable::run), Infrastructure.getDefaultWorkerPool());
    }

    private void giveUp(ConsumerRecord<String, String> record, Exception why) {
        deadLetters.increment();
        LOG.errorf(why, "Request %s-%d@%d failed for good; moved to %s", record.topic(), record.partition(),
                record.offset(), config.deadLetterTopic());
        bus.deadLetter(record, why);
        bus.reply(record, "", String.valueOf(why));
    }
}
