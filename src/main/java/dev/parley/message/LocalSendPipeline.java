package dev.parley.message;

import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Embedded adapter of {@link SendPipeline}: a striped lock per channel. Sends to different channels run in
 * parallel; sends to one channel are stored and delivered one after another.
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(LocalSendPipeline.class)
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
    public SendResult submit(NewMessage message) {
        ReentrantLock lock = locks[Math.floorMod(message.channelId().hashCode(), STRIPES)];
        lock.lock();
        try {
            return writer.write(message);
        } finally {
            lock.unlock();
        }
    }
}
