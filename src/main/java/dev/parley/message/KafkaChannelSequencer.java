package dev.parley.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.RequestHandler;
import dev.parley.common.JsonText;
import dev.parley.config.ParleyConfig;
import io.opentelemetry.context.Context;

/**
 * The cluster's writer of a channel: the pod bus hands it the waiting sends of each channel whose partition of the
 * requests topic this pod owns, a channel's in order and the next ones only once those are answered, different
 * channels at once. That is what makes each channel's seq order, delivery order and history order one, and lets
 * channels proceed in parallel. A channel's waiting sends are stored in blocks of up to
 * {@code parley.messages.max-batch} (group commit). Each time it is given partitions it claims a new writer epoch,
 * which fences off a pod still writing a channel it has lost. Retries, dead letters and offsets are the bus's
 * business; a send handled twice (redelivered after a pod died) is stored at most once: see {@link MessageStore}.
 */
@ApplicationScoped
@Typed({ KafkaChannelSequencer.class, RequestHandler.class })
public class KafkaChannelSequencer implements RequestHandler {

    private static final Logger LOG = Logger.getLogger(KafkaChannelSequencer.class);
    private static final int EPOCH_CLAIM_ATTEMPTS = 10;

    private final ChannelWriter writer;
    private final MessageStore store;
    private final ObjectMapper json;
    private final int maxBatch;
    private volatile long epoch;
    private final java.util.Optional<String> failpoint;
    private final java.util.concurrent.atomic.AtomicBoolean failpointFired = new java.util.concurrent.atomic.AtomicBoolean();

    KafkaChannelSequencer(ChannelWriter writer, MessageStore store, ObjectMapper json, ParleyConfig config) {
        this.writer = writer;
        this.store = store;
        this.json = json;
        this.maxBatch = config.messages().maxBatch();
        this.failpoint = config.cluster().failpointThrowOnceOnClientMsgId();
    }

    /** Runs on the bus's thread before any record of the new partitions; a rare blocking call. */
    @Override
    public void partitionsAssigned() {
        for (int attempt = 1;; attempt++) {
            try {
                epoch = store.claimWriterEpoch();
                LOG.debugf("Writing channels as epoch %d", epoch);
                return;
            } catch (RuntimeException e) {
                if (attempt == EPOCH_CLAIM_ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("Could not claim a writer epoch (attempt %d): %s", attempt, e.toString());
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Every channel's sends in blocks of up to max-batch: the first block of every channel is stored together, then
     * the second ones, and so on; a channel whose block failed stores nothing more of this call.
     */
    @Override
    public Map<String, CompletableFuture<List<Answer>>> answerAll(Map<String, List<Request>> requestsByChannel) {
        long writerEpoch = epoch;
        Map<String, ChannelSends> sends = new LinkedHashMap<>();
        Map<String, Context> traces = new HashMap<>();
        requestsByChannel.forEach((channelId, requests) -> sends.put(channelId, ChannelSends.read(requests, json, traces)));
        failpoint(sends.values());
        int rounds = sends.values().stream().mapToInt(s -> (s.readable().size() + maxBatch - 1) / maxBatch).max().orElse(0);
        CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
        for (int round = 0; round < rounds; round++) {
            int from = round * maxBatch;
            stored = stored.thenCompose(ignored -> storeRound(sends, from, writerEpoch, traces));
        }
        Map<String, CompletableFuture<List<Answer>>> answers = new LinkedHashMap<>();
        CompletableFuture<Void> all = stored;
        sends.forEach((channelId, channel) -> answers.put(channelId, all.thenApply(ignored -> channel.answers(json))));
        return answers;
    }

    /** See {@code parley.cluster.failpoint-throw-once-on-client-msg-id}: inert unless configured. */
    private void failpoint(java.util.Collection<ChannelSends> sends) {
        if (failpoint.isPresent() && sends.stream().flatMap(s -> s.readable().stream())
                .anyMatch(m -> m.clientMsgId().equals(failpoint.get())) && failpointFired.compareAndSet(false, true)) {
            throw new IllegalStateException("failpoint: an unexpected failure, once");
        }
    }

    private CompletableFuture<Void> storeRound(Map<String, ChannelSends> sends, int from, long writerEpoch,
            Map<String, Context> traces) {
        Map<String, List<NewMessage>> round = new LinkedHashMap<>();
        sends.forEach((channelId, channel) -> {
            if (channel.failure() == null && channel.readable().size() > from) {
                round.put(channelId, channel.readable().subList(from, Math.min(channel.readable().size(), from + maxBatch)));
            }
        });
        if (round.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> settled = new ArrayList<>();
        writer.writeAll(round, writerEpoch, id -> traces.getOrDefault(id, Context.root())).forEach((channelId, stored) -> settled.add(stored.handle((appended, failure) -> {
            if (failure == null) {
                sends.get(channelId).stored().addAll(appended);
            } else {
                Throwable cause = DynamoChannelAppender.causeOf(failure).orElse(failure);
                sends.get(channelId).fail(cause instanceof DynamoChannelAppender.WriterFenced
                        ? new LostOwnership(cause.getMessage(), cause)
                        : failure instanceof CompletionException c ? c : new CompletionException(failure));
            }
            return null;
        })));
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new));
    }

    /** One channel's sends of a call: the readable ones, where each answer goes, what was stored, what failed. */
    private static final class ChannelSends {
        private final List<NewMessage> readable = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private final Answer[] answers;
        private final List<Appended> stored = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile RuntimeException failure;

        private ChannelSends(int size) {
            answers = new Answer[size];
        }

        /** Reads the requests; each readable send's trace is put in traces under the message's id. */
        static ChannelSends read(List<Request> requests, ObjectMapper json, Map<String, Context> traces) {
            ChannelSends sends = new ChannelSends(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                try {
                    NewMessage message = JsonText.read(json, requests.get(i).payload(), NewMessage.class);
                    sends.readable.add(message);
                    sends.positions.add(i);
                    traces.put(message.id(), requests.get(i).trace());
                } catch (IllegalArgumentException e) {
                    sends.answers[i] = Answer.poison(e);
                }
            }
            return sends;
        }

        List<NewMessage> readable() {
            return readable;
        }

        List<Appended> stored() {
            return stored;
        }

        RuntimeException failure() {
            return failure;
        }

        void fail(RuntimeException why) {
            failure = why;
        }

        List<Answer> answers(ObjectMapper json) {
            if (failure != null) {
                throw failure;
            }
            for (int i = 0; i < stored.size(); i++) {
                answers[positions.get(i)] = Answer.of(JsonText.write(json, stored.get(i)));
            }
            return List.of(answers);
        }
    }
}
