package dev.parley.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;

/**
 * What crosses between pods, over Kafka, through this pod's one (thread-safe) producer:
 * <ul>
 * <li>{@link #ask}: a request to whichever pod owns the key's partition of the requests topic (a channel's
 * sequencer), answered through the asker's inbox;</li>
 * <li>{@link #tell}: a message of some kind for one pod's inbox (its partition of the deliveries topic);</li>
 * <li>dead letters: requests that kept failing, on the one dead-letter topic.</li>
 * </ul>
 * Payloads are opaque strings; what they mean is the business of the features that register a
 * {@link RequestHandler} or an {@link InboxHandler}. Routing lives in record headers.
 * <p>
 * Asks, tells and replies never wait, so they may be called from an event loop (see {@link NonWaitingProducer}): when
 * less than {@link #MIN_FREE_BUFFER} of the producer's buffer is free (Kafka unreachable for a while) an ask fails
 * at once with {@link NotQueued}, a tell or reply is dropped and counted like a failed write.
 */
@ApplicationScoped
public class PodBus {

    /** Thrown (as the cause of a failed ask) when the request could not be put on the topic. */
    public static class NotQueued extends RuntimeException {
        NotQueued(Throwable cause) {
            super("the request could not be put on the bus", cause);
        }
    }

    /** Thrown (as the cause of a failed ask) when the answering pod gave up on the request. */
    public static class RemoteFailure extends RuntimeException {
        RemoteFailure(String error) {
            super(error, null, false, false);
        }
    }

    /** Records are at most 2 MB (max.request.size); a quarter of the default 32 MB buffer leaves room for several. */
    static final long MIN_FREE_BUFFER = 8L * 1024 * 1024;

    static final String KIND = "parley-kind";
    static final String REQUEST_ID = "parley-request";
    static final String REPLY_TO = "parley-reply-to";
    static final String ERROR = "parley-error";
    static final String SOURCE = "parley-source";
    /** The kind of the inbox messages that answer a request. */
    static final String REPLY = "reply";

    private static final Logger LOG = Logger.getLogger(PodBus.class);

    private final NonWaitingProducer producer;
    private final PendingReplies replies = new PendingReplies();
    private final PodIdentity pod;
    private final ParleyConfig.Cluster config;
    private final Counter failed;
    private final BusTracing tracing;

    PodBus(KafkaSettings kafka, PodIdentity pod, ParleyConfig config, MeterRegistry metrics, BusTracing tracing) {
        this.tracing = tracing;
        this.producer = new NonWaitingProducer(kafka.producer("parley-pod-" + pod.index()), MIN_FREE_BUFFER);
        this.pod = pod;
        this.config = config.cluster();
        this.failed = metrics.counter("parley.kafka.sends.failed");
        metrics.gauge("parley.bus.pending.replies", replies, PendingReplies::size);
    }

    /**
     * Hands a request to the pod that owns the key's partition (requests of one key are answered in the order they
     * were put). Completes with the answer, or fails with {@link NotQueued}, {@link RemoteFailure} or a
     * {@link java.util.concurrent.TimeoutException} after the timeout. The given trace goes with it (not the
     * thread's current one: an ask may be made where some other answer arrived, an event loop shared by many).
     */
    public CompletableFuture<String> ask(String key, String payload, Duration timeout, Context trace) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<String> answer = replies.expect(requestId, timeout);
        ProducerRecord<String, String> record = new ProducerRecord<>(config.sendsTopic(), key, payload);
        header(record.headers(), REQUEST_ID, requestId);
        header(record.headers(), REPLY_TO, Integer.toString(pod.index()));
        tracing.inject(trace, record.headers());
        producer.sendNow(record, (metadata, e) -> {
            if (e != null) {
                failed.increment();
                replies.fail(requestId, new NotQueued(e));
            }
        });
        return answer;
    }

    /** Puts a message on another pod's inbox. Best effort, like a write to a socket: nothing waits for it. */
    public void tell(int podIndex, String kind, String payload) {
        tell(podIndex, kind, payload, List.of());
    }

    /** The same for a message that serves several traces (the frames of several messages, one trace each). */
    public void tell(int podIndex, String kind, String payload, List<Context> traces) {
        ProducerRecord<String, String> record = new ProducerRecord<>(config.deliveriesTopic(), podIndex, null, payload);
        header(record.headers(), KIND, kind);
        tracing.injectEach(traces, record.headers());
        producer.sendNow(record, (metadata, e) -> {
            if (e != null) {
                failed.increment();
                LOG.warnf(e, "A %s message for pod %d could not be written", kind, podIndex);
            }
        });
    }

    /** The answer to a request, to the asking pod's inbox (or straight to the waiting caller when that is us). */
    void reply(ConsumerRecord<String, String> request, String answer, String error) {
        String requestId = header(request.headers(), REQUEST_ID);
        String replyTo = header(request.headers(), REPLY_TO);
        if (requestId == null || replyTo == null) {
            return; // nobody asked for an answer
        }
        int asker = Integer.parseInt(replyTo);
        if (asker == pod.index()) {
            deliverReply(requestId, answer, error);
            return;
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(config.deliveriesTopic(), asker, null, answer);
        header(record.headers(), KIND, REPLY);
        header(record.headers(), REQUEST_ID, requestId);
        if (error != null) {
            header(record.headers(), ERROR, error);
        }
        producer.sendNow(record, (metadata, e) -> {
            if (e != null) {
                failed.increment();
                LOG.warnf(e, "The answer to request %s could not be written; its asker times out", requestId);
            }
        });
    }

    /** Loads the topics' metadata (waits: call it as the pod joins), so that no later record waits for it. */
    void loadTopics() {
        producer.loadTopics(config.sendsTopic(), config.deliveriesTopic());
    }

    /** An answer that arrived in this pod's inbox. */
    void deliverReply(String requestId, String answer, String error) {
        if (error == null) {
            replies.complete(requestId, answer);
        } else {
            replies.fail(requestId, new RemoteFailure(error));
        }
    }

    /** Waits for the write: the caller commits the record's offset after, so it cannot vanish in between. */
    void deadLetter(ConsumerRecord<String, String> record, Exception cause) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(config.deadLetterTopic(), record.key(), record.value());
        record.headers().forEach(h -> dead.headers().add(h));
        header(dead.headers(), SOURCE, record.topic() + "-" + record.partition() + "@" + record.offset());
        header(dead.headers(), ERROR, String.valueOf(cause));
        try {
            producer.sendMayWait(dead).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not write to the dead-letter topic; the record will be retried", e);
        }
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void header(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The trace a request was asked in. */
    Context traceOf(ConsumerRecord<String, String> request) {
        return tracing.extract(request.headers());
    }

    /** The traces an inbox message serves. */
    List<Context> tracesOf(ConsumerRecord<String, String> message) {
        return tracing.extractEach(message.headers());
    }

    BusTracing tracing() {
        return tracing;
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
