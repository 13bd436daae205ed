package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.parley.support.Waits;

/** Issue 11, item 5: push rounds used to queue without bound behind a slow notifier. */
class PushQueueTest {

    @Test
    void roundsPastTheBoundAreShedNotQueued() throws Exception {
        PushQueue queue = new PushQueue(1, 2);
        CountDownLatch notifierSlow = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        queue.offer(() -> {
            started.countDown();
            await(notifierSlow);
            ran.incrementAndGet();
        }, shed::incrementAndGet);
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue(); // the only thread is busy now

        for (int i = 0; i < 5; i++) {
            queue.offer(ran::incrementAndGet, shed::incrementAndGet);
        }
        assertThat(queue.waiting()).isEqualTo(2);
        assertThat(shed).hasValue(3);

        notifierSlow.countDown();
        Waits.until(() -> ran.get() == 3, "the running round and the two waiting ones");
        assertThat(shed).hasValue(3);
        queue.stop();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
