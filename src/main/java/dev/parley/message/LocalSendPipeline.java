package dev.parley.message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/**
 * Embedded adapter of {@link SendPipeline}: a striped lock per channel, taken on the caller's thread. Sends to
 * different channels run in parallel; sends to one channel are stored and delivered one after another.
 */
@ApplicationScoped
@Typed(LocalSendPipeline.class)
public class LocalSendPipeline implements SendPipeline {

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final ChannelWriter writer;

    LocalSendPipeline(ChannelWriter writer) {
        this.writer = writer;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    @Override
    public CompletableFuture<Appended> submit(NewMessage message) {
        ReentrantLock lock = locks[Math.floorMod(message.channelId().hashCode(), STRIPES)];
        lock.lock();
        try {
            return CompletableFuture.completedFuture(writer.write(message));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.unlock();
        }
    }
}
