package dev.parley.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Requests this pod put on the bus and is waiting on; their answers arrive in its inbox. */
final class PendingReplies {

    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    /** The answer to come, failed with a TimeoutException if none comes in time; forgotten either way. */
    CompletableFuture<String> expect(String requestId, Duration timeout) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        waiting.put(requestId, reply);
        reply.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .whenComplete((answer, failure) -> waiting.remove(requestId));
        return reply;
    }

    void complete(String requestId, String payload) {
        CompletableFuture<String> reply = waiting.get(requestId);
        if (reply != null) {
            reply.complete(payload);
        }
    }

    void fail(String requestId, Throwable failure) {
        CompletableFuture<String> reply = waiting.get(requestId);
        if (reply != null) {
            reply.completeExceptionally(failure);
        }
    }

    int size() {
        return waiting.size();
    }
}
