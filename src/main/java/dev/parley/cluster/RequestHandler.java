package dev.parley.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.opentelemetry.context.Context;

/**
 * What a feature does with the requests the pod bus hands this pod: the records of the keys whose partitions of the
 * requests topic this pod owns. The bus hands over all the records of one key that one poll brought, in order, and
 * the next ones of that key only once those are answered; the keys of one poll are handed over together. The bus
 * starts delivering them once the pod has joined the cluster; it finds the handler as a bean, so the feature
 * registers by implementing this.
 */
public interface RequestHandler {

    /**
     * Answers the requests of several keys (a key's in order), one answer per request, each going back to its asking
     * pod; must not block. Each key's answer completes on its own; completing exceptionally means "try again": the
     * bus retries that key's requests up to {@code parley.cluster.max-attempts} times, then moves them to the
     * dead-letter topic and answers the askers with a failure; {@link LostOwnership} means another pod owns the key
     * now and will answer instead.
     */
    Map<String, CompletableFuture<List<Answer>>> answerAll(Map<String, List<Request>> requestsByKey);

    /** One request: what was asked, and the trace of its handling here (work done for it continues that trace). */
    record Request(String payload, Context trace) {
    }

    /** Called on the bus's thread when partitions are newly given to this pod, before any of their records. */
    default void partitionsAssigned() {
    }

    /** One request's answer; {@code poison} set for a request no retry can help (unreadable, say): dead-lettered. */
    record Answer(String value, Exception poison) {
        public static Answer of(String value) {
            return new Answer(value, null);
        }

        public static Answer poison(Exception why) {
            return new Answer(null, why);
        }
    }

    /** The key's partition has moved to another pod, which will handle the request: nobody is answered here. */
    class LostOwnership extends RuntimeException {
        public LostOwnership(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
