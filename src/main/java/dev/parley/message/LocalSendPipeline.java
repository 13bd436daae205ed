package dev.parley.message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.config.ParleyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;

/**
 * Embedded adapter of {@link SendPipeline}: a queue per channel, drained by a pool of writer threads, one batch of a
 * channel at a time. The sends waiting in a channel when its writer comes round are stored in one transaction
 * (group commit: one fsync for all of them) and answered in order; different channels are written in parallel. The
 * caller never waits: it gets a future. A channel holding {@code max-pending-per-channel} sends refuses more with
 * {@code overloaded}.
 */
@ApplicationScoped
@Typed(LocalSendPipeline.class)
public class LocalSendPipeline implements SendPipeline {

    private record Pending(NewMessage message, Context trace, CompletableFuture<Appended> answer) {
    }

    /** A channel's waiting sends; retired (and dropped from the map) once drained, so idle channels cost nothing. */
    private static final class ChannelQueue {
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        boolean scheduled;
        boolean retired;
    }

    private final Map<String, ChannelQueue> channels = new ConcurrentHashMap<>();
    private final ChannelWriter writer;
    private final ExecutorService writers;
    private final int maxBatch;
    private final int maxPending;

    LocalSendPipeline(ChannelWriter writer, ParleyConfig config, MeterRegistry metrics) {
        this.writer = writer;
        this.maxBatch = config.messages().maxBatch();
        this.maxPending = config.messages().maxPendingPerChannel();
        // Its task queue holds at most one task per channel with sends waiting (a channel is scheduled once), and
        // each channel's queue is bounded by max-pending-per-channel.
        this.writers = Executors.newFixedThreadPool(config.messages().writerThreads(), r -> {
            Thread thread = new Thread(r, "parley-channel-writer");
            thread.setDaemon(true);
            return thread;
        });
        metrics.gaugeMapSize("parley.messages.channels.waiting", List.of(), channels);
    }

    @Override
    public CompletableFuture<Appended> submit(NewMessage message, Context trace) {
        Pending pending = new Pending(message, trace, new CompletableFuture<>());
        while (true) {
            ChannelQueue queue = channels.computeIfAbsent(message.channelId(), id -> new ChannelQueue());
            synchronized (queue) {
                if (queue.retired) {
                    continue; // drained and dropped just now: take a fresh one
                }
                if (queue.pending.size() >= maxPending) {
                    return CompletableFuture.failedFuture(new DomainException(ErrorCode.OVERLOADED,
                            "this channel has too many messages waiting; resend with the same clientMsgId shortly"));
                }
                queue.pending.add(pending);
                if (queue.scheduled) {
                    return pending.answer();
                }
                queue.scheduled = true;
            }
            schedule(message.channelId(), queue);
            return pending.answer();
        }
    }

    private void schedule(String channelId, ChannelQueue queue) {
        try {
            writers.execute(() -> drain(channelId, queue));
        } catch (RejectedExecutionException e) {
            drain(channelId, queue); // shutting down: this thread stores what it brought
        }
    }

    /** Stores one batch, then yields the thread to other channels (requeueing itself if more came meanwhile). */
    private void drain(String channelId, ChannelQueue queue) {
        List<Pending> batch = new ArrayList<>();
        synchronized (queue) {
            while (batch.size() < maxBatch && !queue.pending.isEmpty()) {
                batch.add(queue.pending.poll());
            }
        }
        try {
            Map<String, Context> traces = batch.stream()
                    .collect(java.util.stream.Collectors.toMap(p -> p.message().id(), Pending::trace, (first, again) -> first));
            List<Appended> answers = writer.writeAll(batch.stream().map(Pending::message).toList(),
                    id -> traces.getOrDefault(id, Context.root()));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.answer().completeExceptionally(e));
        }
        synchronized (queue) {
            if (queue.pending.isEmpty()) {
                queue.retired = true;
                channels.remove(channelId, queue);
                return;
            }
        }
        schedule(channelId, queue);
    }

    /** Lets the batches in hand finish (the drain has stopped new sends by then). */
    @PreDestroy
    void stop() throws InterruptedException {
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
