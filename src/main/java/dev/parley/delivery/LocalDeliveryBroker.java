package dev.parley.delivery;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        String text = encode(json, frame); // once, however many connections
        for (String userId : userIds) {
            connections.send(userId, text);
        }
    }

    @Override
    public void deliverToWatchers(String watchedUserId, Object frame) {
        connections.sendToWatchers(watchedUserId, encode(json, frame));
    }

    static String encode(ObjectMapper json, Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Frame cannot be written as JSON: " + frame.getClass(), e);
        }
    }
}
