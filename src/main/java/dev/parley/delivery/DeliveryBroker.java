package dev.parley.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.opentelemetry.context.Context;

/**
 * Port: puts a server frame on every open connection of the given users, wherever those connections are held.
 * Embedded: this process's connections. Cluster: the pods the session registry names, and only those.
 * <p>
 * Frames handed over by one thread, one after another, reach each connection in that order: callers that
 * serialise a channel's messages get them delivered in seq order.
 */
public interface DeliveryBroker {

    void deliver(Collection<String> userIds, Object frame);

    /** Several frames for the same users, in order: a channel's batch (the cluster looks the users up once). */
    default void deliverAll(Collection<String> userIds, List<?> frames) {
        frames.forEach(frame -> deliver(userIds, frame));
    }

    /**
     * deliverAll without waiting on I/O (the message path): completes once the frames are handed to the sockets and
     * the bus, with those of the given users who had a live connection somewhere at that moment (the users the frames
     * went to; the others are offline, for push). A caller that waits for it before handing over the channel's next
     * frames keeps them in order.
     */
    default CompletableFuture<Set<String>> deliverAllAsync(Collection<String> userIds, List<?> frames) {
        return deliverAllAsync(userIds, frames, List.of());
    }

    /**
     * The same, continuing each frame's trace where it is handed to sockets ({@code traces}: one per frame, or none;
     * adapters that hand frames over in this process leave them to the caller's span).
     */
    CompletableFuture<Set<String>> deliverAllAsync(Collection<String> userIds, List<?> frames, List<Context> traces);

    /** Puts a frame on every connection, wherever it is held, that watches this user's presence. */
    void deliverToWatchers(String watchedUserId, Object frame);

    /** Closes the user's connections of one session (it was logged out), wherever they are held, with 4001. */
    void endSession(String userId, String sessionId);

    /** The watcher's connections, wherever they are held, stop watching the other user's presence (a block). */
    void stopWatching(String watcherId, String watchedId);
}
