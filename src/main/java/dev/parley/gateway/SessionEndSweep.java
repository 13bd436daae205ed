package dev.parley.gateway;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.auth.SessionRevoked;
import dev.parley.delivery.DeliveryBroker;
import dev.parley.delivery.LocalConnections;
import io.quarkus.scheduler.Scheduled;

/**
 * Closes sockets whose session has ended (close code 4001): expired ones at the presence heartbeat's pace (a socket
 * outlives its token by at most one period, instead of for as long as it pings), logged-out ones at once, on every
 * pod that holds them.
 */
@ApplicationScoped
class SessionEndSweep {

    private static final Logger LOG = Logger.getLogger(SessionEndSweep.class);

    private final LocalConnections connections;
    private final DeliveryBroker broker;

    SessionEndSweep(LocalConnections connections, DeliveryBroker broker) {
        this.connections = connections;
        this.broker = broker;
    }

    void closeLoggedOut(@Observes SessionRevoked revoked) {
        broker.endSession(revoked.userId(), revoked.sessionId());
    }

    @Scheduled(every = "${parley.presence.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeEndedSessions() {
        int closed = connections.closeEndedSessions(Instant.now());
        if (closed > 0) {
            LOG.debugf("Closed %d connections whose session ended", closed);
        }
    }
}
