package dev.parley.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.JsonText;
import io.opentelemetry.context.Context;

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

    /** Every connection is here: the users reached are those connected now. */
    @Override
    public CompletableFuture<Set<String>> deliverAllAsync(Collection<String> userIds, List<?> frames, List<Context> traces) {
        try {
            deliverAll(userIds, frames);
            return CompletableFuture.completedFuture(
                    userIds.stream().filter(connections::isConnected).collect(Collectors.toUnmodifiableSet()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
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
