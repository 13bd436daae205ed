package dev.parley.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.delivery.LocalConnections;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Graceful drain on SIGTERM. During Quarkus's shutdown delay readiness reports DOWN (so the load balancer stops
 * sending traffic) and new sockets are refused with 503. Then, before anything else stops: sends already being
 * handled finish (they are acked or at least stored), every socket is closed with 1012 "service restart" so its
 * client reconnects elsewhere, and the cluster lifecycle removes this pod's sessions from the registry.
 */
@ApplicationScoped
public class Drain {

    /** RFC 6455 close code 1012: the service is restarting; clients should reconnect. */
    public static final int SERVICE_RESTART = 1012;
    private static final Logger LOG = Logger.getLogger(Drain.class);
    private static final Duration IN_FLIGHT_TIMEOUT = Duration.ofSeconds(10);

    private final LocalConnections connections;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    Drain(LocalConnections connections, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.connections = connections;
        // Frames being handled plus sends waiting to be stored: the work a drain would wait for.
        metrics.gauge("parley.frames.in_flight", inFlight);
    }

    public boolean isDraining() {
        return draining;
    }

    /** Wraps the handling of a client frame, so shutdown can wait for it. */
    public void during(Runnable handling) {
        begin();
        try {
            handling.run();
        } finally {
            end();
        }
    }

    /** Work that outlives its frame's handler (a send waiting to be stored) begins: shutdown waits for its end. */
    public void begin() {
        inFlight.incrementAndGet();
    }

    public void end() {
        inFlight.decrementAndGet();
    }

    /** SIGTERM with a shutdown delay (production): readiness is down from now on; drain at once. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        LOG.info("Draining: readiness is down and new sockets are refused");
        drainNow();
    }

    // Without a delay (dev, tests), drain here, before the cluster lifecycle (default priority) leaves the registry.
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        if (!draining) {
            drainNow();
        }
    }

    private synchronized void drainNow() {
        draining = true;
        long deadline = System.nanoTime() + IN_FLIGHT_TIMEOUT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int closed = connections.closeAll(SERVICE_RESTART, "service restart", Duration.ofSeconds(5));
        LOG.infof("Drained: closed %d sockets with 1012 (%d frames still in flight)", closed, inFlight.get());
    }
}
