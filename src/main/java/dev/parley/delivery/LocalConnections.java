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

    private final DeliveryPorts ports;

    LocalConnections(MeterRegistry metrics, DeliveryPorts ports) {
        this.ports = ports;
        metrics.gaugeMapSize("parley.ws.users.connected", java.util.List.of(), byUser);
    }

    /**
     * Blocking (the registry may be Redis): call from a worker thread. The registry is told inside the map's
     * per-key lock, so a connect and a disconnect of one user cannot overtake each other on their way to it.
     */
    public void add(String userId, WebSocketConnection connection) {
        byUser.compute(userId, (id, connections) -> {
            Set<WebSocketConnection> set = connections == null ? ConcurrentHashMap.newKeySet() : connections;
            if (set.isEmpty()) {
                ports.sessionRegistry().register(userId);
            }
            set.add(connection);
            return set;
        });
    }

    /** Blocking, like {@link #add}. */
    public void remove(String userId, WebSocketConnection connection) {
        byUser.computeIfPresent(userId, (id, connections) -> {
            connections.remove(connection);
            if (connections.isEmpty()) {
                ports.sessionRegistry().unregister(userId);
                return null;
            }
            return connections;
        });
    }

    /** The users with a connection on this pod. */
    public Set<String> users() {
        return Set.copyOf(byUser.keySet());
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
