package dev.parley.message;

/**
 * Port: takes a checked send to durable storage and out to every member, one message of a channel at a time, so
 * that seq order, delivery order and history order are the same. Embedded: a lock per channel in this process.
 * Cluster: the consumer that owns the channel's Kafka partition.
 */
public interface SendPipeline {

    /** Blocks until the message is durably stored (or found stored already). */
    SendResult submit(NewMessage message);
}
