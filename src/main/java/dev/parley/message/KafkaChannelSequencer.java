package dev.parley.message;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.RequestHandler;
import dev.parley.common.JsonText;
import dev.parley.config.ParleyConfig;

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

    KafkaChannelSequencer(ChannelWriter writer, MessageStore store, ObjectMapper json, ParleyConfig config) {
        this.writer = writer;
        this.store = store;
        this.json = json;
        this.maxBatch = config.messages().maxBatch();
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

    @Override
    public CompletableFuture<List<Answer>> answerAll(String channelId, List<String> payloads) {
        long writerEpoch = epoch;
        List<NewMessage> readable = new ArrayList<>();
        Answer[] answers = new Answer[payloads.size()];
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            try {
                readable.add(JsonText.read(json, payloads.get(i), NewMessage.class));
                positions.add(i);
            } catch (IllegalArgumentException e) {
                answers[i] = Answer.poison(e);
            }
        }
        CompletableFuture<List<Appended>> stored = CompletableFuture.completedFuture(new ArrayList<>());
        for (int from = 0; from < readable.size(); from += maxBatch) {
            List<NewMessage> block = readable.subList(from, Math.min(readable.size(), from + maxBatch));
            stored = stored.thenCompose(done -> writer.writeAll(block, writerEpoch).thenApply(more -> {
                done.addAll(more);
                return done;
            }));
        }
        return stored.handle((appended, failure) -> {
            if (failure != null) {
                Throwable cause = DynamoChannelAppender.causeOf(failure).orElse(failure);
                throw cause instanceof DynamoChannelAppender.WriterFenced
                        ? new LostOwnership(cause.getMessage(), cause)
                        : failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            for (int i = 0; i < appended.size(); i++) {
                answers[positions.get(i)] = Answer.of(JsonText.write(json, appended.get(i)));
            }
            return List.of(answers);
        });
    }
}
