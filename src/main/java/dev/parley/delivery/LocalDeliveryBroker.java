package dev.parley.delivery;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.JsonText;

/** Embedded adapter of {@link DeliveryBroker}: every connection is in this process. */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(LocalDeliveryBroker.class)
public class LocalDeliveryBroker implements DeliveryBroker {

    private final LocalConnections connections;
    private final ObjectMapper json;

    LocalDeliveryBroker(LocalConnections connections, ObjectMapper json) {
        this.connections = connections;
        this.json = json;
    }

    @Override
    public void deliver(Collection<String> userIds, Object frame) {
        String text = JsonText.write(json, frame); // once, however many connections
        for (String userId : userIds) {
            connections.send(userId, text);
        }
    }

    @Override
    public void endSession(String userId, String sessionId) {
        connections.closeSession(userId, sessionId);
    }

    @Override
    public void stopWatching(String watcherId, String watchedId) {
        connections.stopWatching(watcherId, watchedId);
    }

    @Override
    public void deliverToWatchers(String watchedUserId, Object frame) {
        connections.sendToWatchers(watchedUserId, JsonText.write(json, frame));
    }
}
