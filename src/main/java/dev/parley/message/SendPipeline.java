package dev.parley.message;

import java.util.concurrent.CompletableFuture;

import io.opentelemetry.context.Context;

/**
 * Port: takes a checked send to durable storage and out to every member, one message of a channel at a time, so
 * that seq order, delivery order and history order are the same. Embedded: a lock per channel in this process.
 * Cluster: the Kafka sequencer that owns the channel's partition, on whichever pod.
 */
public interface SendPipeline {

    /**
     * Completes once the message is durably stored (or found stored already); fails with a
     * {@link dev.parley.common.DomainException} the sender can act on. The message's store and delivery continue
     * {@code trace}, given explicitly: a submit may run on whatever thread an earlier answer arrived on, where the
     * current context is not the send's.
     */
    CompletableFuture<Appended> submit(NewMessage message, Context trace);
}
