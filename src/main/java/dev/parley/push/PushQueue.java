package dev.parley.push;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The push rounds waiting for the push threads, bounded: when the notifier (SNS) falls behind, new rounds are shed
 * (counted, never queued without end), since a late push is worth little and the messages themselves are stored and
 * reach the app on its next sync.
 */
final class PushQueue {

    private final ThreadPoolExecutor workers;

    PushQueue(int threads, int maxWaiting) {
        workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(maxWaiting),
                r -> {
                    Thread thread = new Thread(r, "parley-push");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Runs the round on a push thread, or, when maxWaiting rounds already wait, runs {@code shed} here instead. */
    void offer(Runnable round, Runnable shed) {
        try {
            workers.execute(round);
        } catch (RejectedExecutionException full) {
            shed.run();
        }
    }

    int waiting() {
        return workers.getQueue().size();
    }

    void stop() {
        workers.shutdown();
    }
}
