package dev.parley.cluster;

import java.time.Duration;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A Kafka consumer polled on a thread of its own (never an event loop) until stopped. The consumer is only ever
 * touched by that thread, except for wakeup(), which is what stop() uses.
 */
public final class PollLoop {

    private static final Logger LOG = Logger.getLogger(PollLoop.class);

    private final KafkaConsumer<String, String> consumer;
    private final Consumer<ConsumerRecords<String, String>> handler;
    private final Runnable beforeClose;
    private final Thread thread;
    private volatile boolean running = true;

    /** beforeClose runs on the loop's thread as it ends (a final commit, say). */
    public PollLoop(String name, KafkaConsumer<String, String> consumer, Consumer<ConsumerRecords<String, String>> handler,
            Runnable beforeClose) {
        this.consumer = consumer;
        this.handler = handler;
        this.beforeClose = beforeClose;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Lets the records in hand finish, then ends the loop; waits for it up to the timeout. */
    public void stop(Duration timeout) {
        running = false;
        consumer.wakeup();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                handler.accept(consumer.poll(Duration.ofMillis(500)));
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.errorf(e, "Kafka loop %s stopped on an unexpected failure", thread.getName());
        } finally {
            try {
                beforeClose.run();
            } catch (RuntimeException e) {
                LOG.debugf("Closing step of %s failed: %s", thread.getName(), e);
            }
            consumer.close();
        }
    }
}
