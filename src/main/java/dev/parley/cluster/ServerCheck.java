package dev.parley.cluster;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A readiness check of one backing server: UP when the probe answers within 3 s, DOWN with its error otherwise.
 * Health checks registered at run time are called on the event loop, so the (blocking) probe runs on a worker.
 */
public final class ServerCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }

    private ServerCheck() {
    }

    public static AsyncHealthCheck of(String name, Probe probe) {
        return () -> Uni.createFrom().item(() -> {
            try {
                probe.run();
                return HealthCheckResponse.up(name);
            } catch (Exception e) {
                return down(name, e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).ifNoItem().after(TIMEOUT)
                .recoverWithItem(() -> down(name, new IllegalStateException("no answer within " + TIMEOUT.toSeconds() + " s")));
    }

    private static HealthCheckResponse down(String name, Exception e) {
        return HealthCheckResponse.named(name).down().withData("error", String.valueOf(e.getMessage())).build();
    }
}
