package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import dev.parley.support.Waits;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthRegistry;

class StartupWorkTest {

    private final Map<String, HealthCheck> checks = new HashMap<>();
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final StartupWork work = new StartupWork(new Registry(), exited::complete);

    @Test
    void readinessIsDownUntilEveryPieceHasFinished() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        work.run("Joining the cluster", () -> await(release));
        work.run("S3 bucket", () -> {
        });

        // The quick piece finishes on its own; the held one keeps readiness down, by name.
        Waits.until(() -> "Joining the cluster".equals(checks.get("Start-up").call().getData().orElseThrow().get("running")),
                "only the held piece still running");
        assertThat(checks.get("Start-up").call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        release.countDown();
        work.awaitSettled(Duration.ofSeconds(10));
        assertThat(checks.get("Start-up").call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(exited).isNotDone();
    }

    @Test
    void aFailedPieceEndsTheProcessLikeAFailedStart() throws Exception {
        work.run("DynamoDB tables", () -> {
            throw new IllegalStateException("no such endpoint");
        });

        assertThat(exited.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        HealthCheckResponse afterFailure = checks.get("Start-up").call();
        assertThat(afterFailure.getStatus()).as("unready until the process has gone").isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(afterFailure.getData().orElseThrow()).containsEntry("failed", "DynamoDB tables");
    }

    @Test
    void nothingToDoIsReady() {
        assertThat(checks.get("Start-up").call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Registry implements HealthRegistry {
        @Override
        public HealthRegistry register(String id, HealthCheck check) {
            checks.put(id, check);
            return this;
        }

        @Override
        public HealthRegistry register(String id, AsyncHealthCheck check) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HealthRegistry remove(String id) {
            checks.remove(id);
            return this;
        }
    }
}
