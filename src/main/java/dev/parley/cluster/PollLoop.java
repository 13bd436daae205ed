package dev.parley.cluster;

import java.time.Duration;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A Kafka consumer polled on a thread of its own (never an event loop) until stopped. The consumer is only ever
 * touched by that thread, except for wakeup(), which is what stop() uses.
 * <p>
 * Supervised: a handler that throws does not end the loop. The records it was given are handed over again (the
 * consumer is moved back to the first of them, so no commit can pass a record that was not handled), after a
 * back-off that doubles up to {@link #MAX_BACKOFF} while failures repeat. Only a {@link VirtualMachineError} (out of
 * memory, say) or a failing poll ends it; {@link #healthy} then answers false, and so it does for a loop whose
 * handler has not returned for {@link #STALLED_AFTER}: readiness reports both.
 */
public final class PollLoop {

    static final Duration STALLED_AFTER = Duration.ofMinutes(2);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(PollLoop.class);

    private final KafkaConsumer<String, String> consumer;
    private final Consumer<ConsumerRecords<String, String>> handler;
    private final Runnable beforeClose;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean failed;
    private volatile long lastProgress = System.nanoTime();

    /** beforeClose runs on the loop's thread as it ends (a final commit, say), unless the loop died of a failure. */
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

    /** Running, and its handler returned within the last {@link #STALLED_AFTER}. */
    public boolean healthy() {
        return thread.isAlive() && !failed && System.nanoTime() - lastProgress < STALLED_AFTER.toNanos();
    }

    public String name() {
        return thread.getName();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        try {
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                lastProgress = System.nanoTime();
                try {
                    handler.accept(records);
                    backoff = FIRST_BACKOFF;
                } catch (WakeupException | VirtualMachineError e) {
                    throw e;
                } catch (RuntimeException | Error e) {
                    rewind(records);
                    LOG.errorf(e, "Kafka loop %s failed on %d records; they are handed over again in %d ms",
                            thread.getName(), records.count(), backoff.toMillis());
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
                lastProgress = System.nanoTime();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failed = true;
            LOG.errorf(e, "Kafka loop %s stopped on an unexpected failure; readiness reports it", thread.getName());
        } finally {
            if (!failed) {
                try {
                    beforeClose.run();
                } catch (RuntimeException e) {
                    LOG.debugf("Closing step of %s failed: %s", thread.getName(), e);
                }
            }
            consumer.close();
        }
    }

    /** Moves the consumer back to the first record of each partition in the batch, so they come again. */
    private void rewind(ConsumerRecords<String, String> records) {
        for (TopicPartition partition : records.partitions()) {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }
}
