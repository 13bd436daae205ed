package dev.parley.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.smallrye.health.api.HealthRegistry;

/**
 * Start-up work a pod must finish before it takes traffic but not before it answers: checking (or creating) the
 * cluster's topics, tables and bucket and joining the cluster. Each piece runs on a thread of its own, beside the
 * rest of the start and beside each other, so the start does not wait for one server's answer after another.
 * Readiness says DOWN ("Start-up", with what is still running) until every piece is done, so no traffic arrives
 * before; a piece that fails keeps readiness DOWN ("failed") and ends the process with status 1, as a failed start
 * does.
 */
@ApplicationScoped
public class StartupWork {

    private static final Logger LOG = Logger.getLogger(StartupWork.class);

    private final Map<String, CompletableFuture<Void>> pieces = new ConcurrentHashMap<>();
    private final IntConsumer exit;

    @Inject
    StartupWork(@Readiness HealthRegistry readiness) {
        this(readiness, Quarkus::asyncExit);
    }

    StartupWork(HealthRegistry readiness, IntConsumer exit) {
        this.exit = exit;
        readiness.register("Start-up", () -> {
            List<String> running = names(p -> !p.isDone());
            List<String> failed = names(CompletableFuture::isCompletedExceptionally);
            if (running.isEmpty() && failed.isEmpty()) {
                return HealthCheckResponse.up("Start-up");
            }
            // A failed piece keeps the pod unready until the exit it asked for has ended the process.
            var down = HealthCheckResponse.named("Start-up").down();
            if (!running.isEmpty()) {
                down.withData("running", String.join(", ", running));
            }
            if (!failed.isEmpty()) {
                down.withData("failed", String.join(", ", failed));
            }
            return down.build();
        });
    }

    private List<String> names(Predicate<CompletableFuture<Void>> which) {
        return pieces.entrySet().stream().filter(p -> which.test(p.getValue())).map(Map.Entry::getKey).sorted().toList();
    }

    /** Runs the piece on a thread of its own; the pod is not ready until it has returned. */
    public void run(String name, Runnable piece) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(piece, r -> {
            Thread thread = new Thread(r, "parley-start-" + name.toLowerCase().replaceAll("\\W+", "-"));
            thread.setDaemon(true);
            thread.start();
        });
        pieces.put(name, done);
        done.whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.errorf(failure, "Start-up failed: %s", name);
                exit.accept(1);
            }
        });
    }

    /** Waits (at most the given time) until every piece has finished or failed: shutdown must not overtake them. */
    public void awaitSettled(Duration atMost) {
        try {
            CompletableFuture.allOf(pieces.values().stream().map(p -> p.handle((v, e) -> null))
                    .toArray(CompletableFuture[]::new)).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Start-up still running after %d s", atMost.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e); // cannot happen: failures are handled above
        }
    }
}
