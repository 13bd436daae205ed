package dev.parley.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.parley.channel.ChannelService;
import dev.parley.config.ParleyConfig;
import dev.parley.delivery.DeliveryBroker;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Context;

/**
 * Stores a channel's messages, hands each to every member's connections and announces it ({@link MessageStored}),
 * at least once: a recent resend found stored is handed on again (see {@link #toHandOn}).
 * Callers run it for one channel at a time (see {@link SendPipeline}), which is what keeps live delivery in seq
 * order.
 */
@ApplicationScoped
public class ChannelWriter {

    private static final Logger LOG = Logger.getLogger(ChannelWriter.class);

    private final MessageStore store;
    private final ChannelService channels;
    private final DeliveryBroker broker;
    private final Event<MessageStored> stored;
    private final Counter storedCount;
    private final Counter duplicates;
    private final DistributionSummary batchSizes;
    private final Timer storeTime;
    private final Duration refanoutWindow;

    ChannelWriter(MessageStore store, ChannelService channels, DeliveryBroker broker, Event<MessageStored> stored,
            MeterRegistry metrics, ParleyConfig config) {
        this.refanoutWindow = config.push().coalesce();
        this.store = store;
        this.channels = channels;
        this.broker = broker;
        this.stored = stored;
        this.storedCount = metrics.counter("parley.messages.stored");
        this.duplicates = metrics.counter("parley.messages.duplicates");
        this.batchSizes = DistributionSummary.builder("parley.messages.batch.size")
                .description("Sends of one channel stored in one group commit").register(metrics);
        this.storeTime = Timer.builder("parley.messages.store.duration").publishPercentiles(0.5, 0.99)
                .description("Time to store one batch of a channel's sends durably").register(metrics);
    }

    /**
     * Messages of one channel, stored together (one group commit), then handed on in seq order; each message's
     * delivery continues the trace its send is handled in ({@code traceOf} a message id).
     */
    public List<Appended> writeAll(List<NewMessage> messages, Function<String, Context> traceOf) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Appended> appended = storeTime.record(() -> store.appendAll(messages));
        handOn(messages.get(0).channelId(), messages.size(), appended, traceOf);
        return appended;
    }

    /**
     * Blocks of several channels by a writer of the given epoch (see {@link MessageStore#appendAll(List, long)}),
     * stored together where the store can share its calls; each handed on when stored, without waiting, where the
     * store's answer completes (the DynamoDB client's event loop: nothing on the way waits). Each message's
     * delivery continues the trace its send is handled in ({@code traceOf} a message id).
     */
    public Map<String, CompletableFuture<List<Appended>>> writeAll(Map<String, List<NewMessage>> byChannel,
            long writerEpoch, Function<String, Context> traceOf) {
        Timer.Sample started = Timer.start();
        Map<String, CompletableFuture<List<Appended>>> answers = new java.util.LinkedHashMap<>();
        // Answered once the block is handed to delivery: the channel's next block waits for that, so its frames
        // cannot overtake this block's while the registry is asked without waiting.
        store.appendAll(byChannel, writerEpoch).forEach((channelId, stored) -> answers.put(channelId,
                stored.thenCompose(appended -> {
                    started.stop(storeTime);
                    return handOnAsync(channelId, byChannel.get(channelId).size(), appended, traceOf)
                            .thenApply(ignored -> appended);
                })));
        return answers;
    }

    private CompletableFuture<Void> handOnAsync(String channelId, int sends, List<Appended> appended,
            Function<String, Context> traceOf) {
        List<StoredMessage> fresh = toHandOn(channelId, sends, appended);
        if (fresh.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // Called where the store's answer completes, which may be the DynamoDB client's event loop: the members are
        // read without blocking it.
        return channels.memberIdsAsync(channelId).thenCompose(members -> broker.deliverAllAsync(members,
                fresh.stream().map(MessageFrame::of).toList(),
                fresh.stream().map(message -> traceOf.apply(message.id())).toList())
                .handle((connected, failure) -> {
                    if (failure != null) {
                        // Stored all the same: the sender is acked, members catch up by sync.
                        LOG.warnf("Live delivery of %d messages of channel %s failed: %s", fresh.size(), channelId,
                                failure.toString());
                    }
                    fresh.forEach(message -> stored.fire(new MessageStored(message, members, connected)));
                    return null;
                }));
    }

    /**
     * Counts the batch in the metrics and answers what to hand on: the new messages, and the resends found stored within the push coalescing window. A send can
     * be found stored without ever having been handed on (the pod that stored it died before delivering; a retry
     * after an ambiguous write), so fan-out is at least once: clients drop a frame whose seq they hold, and the push
     * gate, closed for that window after a push, keeps a repeat from pushing twice. An older resend is a client that
     * lost its ack long after everyone had the message.
     */
    private List<StoredMessage> toHandOn(String channelId, int sends, List<Appended> appended) {
        Instant repeatSince = Instant.now().minus(refanoutWindow);
        long fresh = appended.stream().filter(a -> !a.duplicate()).count();
        duplicates.increment(appended.size() - fresh);
        storedCount.increment(fresh);
        batchSizes.record(sends);
        // A "resend" found in another channel is a reused clientMsgId (refused to its sender): never handed on here.
        return appended.stream().filter(a -> !a.duplicate()
                || a.message().channelId().equals(channelId) && a.message().sentAt().isAfter(repeatSince))
                .map(Appended::message).toList();
    }

    /** The same, waiting for the hand-off (in-process brokers complete it at once). */
    private void handOn(String channelId, int sends, List<Appended> appended, Function<String, Context> traceOf) {
        handOnAsync(channelId, sends, appended, traceOf).join();
    }
}
