package dev.parley.delivery;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;

/**
 * Port: which pod holds connections of which user. Embedded: this process is the only pod. Cluster: Redis, where
 * each pod lists its users and keeps a heartbeat key; the users of a pod whose heartbeat stopped are forgotten.
 */
public interface SessionRegistry {

    /** This pod now holds at least one connection of the user. */
    void register(String userId);

    /** This pod holds no more connections of the user. */
    void unregister(String userId);

    /** The pods (by index) holding connections of these users; users connected nowhere are absent. */
    Map<Integer, List<String>> locate(Collection<String> userIds);

    /**
     * The same without waiting (the delivery path): where the registry is remote, completes on its client's I/O
     * thread, so callers hand blocking work elsewhere.
     */
    default CompletableFuture<Map<Integer, List<String>>> locateAsync(Collection<String> userIds) {
        try {
            return CompletableFuture.completedFuture(locate(userIds));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A connection on this pod now watches the user's presence. */
    void watch(String userId);

    /** No connection on this pod watches the user any more. */
    void unwatch(String userId);

    /** The pods (by index) with connections watching the user's presence. */
    java.util.Set<Integer> watcherPods(String userId);

    /**
     * Writes again, at once, that this pod holds these users and watches those (after the registry lost its entries:
     * see {@link dev.parley.cluster.PodForgotten}). Idempotent.
     */
    default void reassert(java.util.Set<String> userIds, java.util.Set<String> watchedUserIds) {
        userIds.forEach(this::register);
        watchedUserIds.forEach(this::watch);
    }
}
