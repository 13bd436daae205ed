package dev.parley.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

/** Requests this pod sent to another (through Kafka) and is waiting on; their replies arrive in its inbox. */
@ApplicationScoped
public class PendingReplies {

    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    public void expect(String requestId) {
        waiting.put(requestId, new CompletableFuture<>());
    }

    /** The reply's payload, or empty when none came in time. */
    public Optional<String> await(String requestId, Duration timeout) {
        CompletableFuture<String> reply = waiting.get(requestId);
        try {
            return Optional.of(reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(requestId);
        }
    }

    public void cancel(String requestId) {
        waiting.remove(requestId);
    }

    public void complete(String requestId, String payload) {
        CompletableFuture<String> reply = waiting.get(requestId);
        if (reply != null) {
            reply.complete(payload);
        }
    }
}
