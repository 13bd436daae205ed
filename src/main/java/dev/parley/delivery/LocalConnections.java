package dev.parley.delivery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;

/** The WebSocket connections open on this node, by user id. */
@ApplicationScoped
public class LocalConnections {

    private static final Logger LOG = Logger.getLogger(LocalConnections.class);

    private final Map<String, Set<WebSocketConnection>> byUser = new ConcurrentHashMap<>();

    LocalConnections(MeterRegistry metrics) {
        metrics.gaugeMapSize("parley.ws.users.connected", java.util.List.of(), byUser);
    }

    public void add(String userId, WebSocketConnection connection) {
        byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    public void remove(String userId, WebSocketConnection connection) {
        byUser.computeIfPresent(userId, (id, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }

    public boolean isConnected(String userId) {
        return byUser.containsKey(userId);
    }

    /** Sends without waiting: the write is queued on the connection's event loop in call order. */
    public void send(String userId, String text) {
        Set<WebSocketConnection> connections = byUser.get(userId);
        if (connections == null) {
            return;
        }
        for (WebSocketConnection connection : connections) {
            if (connection.isOpen()) {
                connection.sendText(text).subscribe().with(ok -> {
                }, failure -> LOG.debugf("Dropped a frame to a closing connection of %s: %s", userId, failure));
            }
        }
    }
}
