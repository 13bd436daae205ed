package dev.parley.gateway;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.delivery.LocalConnections;
import io.quarkus.scheduler.Scheduled;

/**
 * Closes sockets whose session has ended (close code 4001), at the presence heartbeat's pace: a socket outlives its
 * token by at most one period, instead of for as long as it pings.
 */
@ApplicationScoped
class SessionEndSweep {

    private static final Logger LOG = Logger.getLogger(SessionEndSweep.class);

    private final LocalConnections connections;

    SessionEndSweep(LocalConnections connections) {
        this.connections = connections;
    }

    @Scheduled(every = "${parley.presence.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeEndedSessions() {
        int closed = connections.closeEndedSessions(Instant.now());
        if (closed > 0) {
            LOG.debugf("Closed %d connections whose session ended", closed);
        }
    }
}
