package dev.parley.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import dev.parley.cluster.PodForgotten;
import dev.parley.config.ParleyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The WebSocket connections open on this node: by user, when each was last heard from, and whose presence each
 * watches. The registry is told when a user's first connection opens and the last closes, and so are observers of
 * {@link UserConnections} (presence).
 */
@ApplicationScoped
public class LocalConnections {

    /**
     * A user's first connection on this node opened (connected = true) or the last one closed. Also fired, connected,
     * for every user held here when the registry had lost them and they were written again.
     */
    public record UserConnections(String userId, boolean connected) {
    }

    /**
     * A user's last connection on this node is closing and the registry is about to forget it: fired first, so
     * presence can start the grace period before anyone could find the user connected nowhere.
     */
    public record LastConnectionClosing(String userId) {
    }

    /** Close code for a connection silent longer than the presence timeout. */
    public static final int IDLE_CLOSE_CODE = 4000;
    /** Where a connection's session (its token) came from, and when it ends; a null id cannot be logged out. */
    public record SocketSession(String id, Instant end) {
    }

    /** Close code for a connection whose session (token) has expired or was logged out. */
    public static final int SESSION_ENDED = 4001;

    private static final Logger LOG = Logger.getLogger(LocalConnections.class);

    private final Map<String, Set<WebSocketConnection>> byUser = new ConcurrentHashMap<>();
    /** Each connection's session (its token). */
    private final Map<WebSocketConnection, SocketSession> sessions = new ConcurrentHashMap<>();
    private final int maxPerUser;
    private final Map<WebSocketConnection, Long> lastHeard = new ConcurrentHashMap<>();
    private final Map<WebSocketConnection, Set<String>> watching = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketConnection>> watchers = new ConcurrentHashMap<>();
    /**
     * Users and watched users whose registry write failed when their last socket here closed (Redis away): at most
     * every user this pod held during the outage; emptied by {@link #repairRegistry} once the registry answers.
     */
    private final Set<String> usersToRepair = ConcurrentHashMap.newKeySet();
    private final Set<String> watchedToRepair = ConcurrentHashMap.newKeySet();
    private final SessionRegistry registry;
    private final SocketWriter writer;
    private final Event<UserConnections> events;
    private final Event<LastConnectionClosing> closing;

    LocalConnections(MeterRegistry metrics, SessionRegistry registry, Event<UserConnections> events,
            Event<LastConnectionClosing> closing, SocketWriter writer, ParleyConfig config) {
        this.maxPerUser = config.limits().maxConnectionsPerUser();
        this.writer = writer;
        this.registry = registry;
        this.events = events;
        this.closing = closing;
        metrics.gaugeMapSize("parley.ws.users.connected", java.util.List.of(), byUser);
        metrics.gaugeMapSize("parley.ws.connections", java.util.List.of(), lastHeard);
    }

    /**
     * Blocking (the registry may be Redis): call from a worker thread. The registry is told inside the map's
     * per-key lock, so a connect and a disconnect of one user cannot overtake each other on their way to it.
     * False, and nothing kept, when the user already holds {@code parley.limits.max-connections-per-user} here.
     */
    public boolean add(String userId, WebSocketConnection connection, SocketSession session) {
        boolean[] first = { false };
        boolean[] added = { false };
        byUser.compute(userId, (id, connections) -> {
            Set<WebSocketConnection> set = connections == null ? ConcurrentHashMap.newKeySet() : connections;
            if (set.size() >= maxPerUser) {
                return set; // one token must not hold thousands of sockets
            }
            if (set.isEmpty()) {
                registry.register(userId);
                first[0] = true;
            }
            writer.track(connection);
            lastHeard.put(connection, System.nanoTime());
            sessions.put(connection, session);
            set.add(connection);
            added[0] = true;
            return set;
        });
        if (first[0]) {
            events.fire(new UserConnections(userId, true));
        }
        return added[0];
    }

    /**
     * Blocking, like {@link #add}, but it never fails: the socket is gone, so this pod forgets it whatever the
     * registry answers. A registry that cannot be told (Redis down) is put right later by {@link #repairRegistry}.
     */
    public void remove(String userId, WebSocketConnection connection) {
        lastHeard.remove(connection);
        sessions.remove(connection);
        stopWatchingAll(connection);
        boolean[] last = { false };
        byUser.computeIfPresent(userId, (id, connections) -> {
            connections.remove(connection);
            if (connections.isEmpty()) {
                closing.fire(new LastConnectionClosing(userId));
                tryToTell(() -> registry.unregister(userId), usersToRepair, userId);
                last[0] = true;
                return null;
            }
            return connections;
        });
        if (last[0]) {
            events.fire(new UserConnections(userId, false));
        }
    }

    private void stopWatchingAll(WebSocketConnection connection) {
        Set<String> watched = watching.remove(connection);
        for (String user : watched == null ? Set.<String>of() : watched) {
            dropWatcher(connection, user);
        }
    }

    /** The connection no longer watches the user; the registry hears when no connection here does. */
    private void dropWatcher(WebSocketConnection connection, String watchedId) {
        watchers.computeIfPresent(watchedId, (id, set) -> {
            set.remove(connection);
            if (set.isEmpty()) {
                tryToTell(() -> registry.unwatch(watchedId), watchedToRepair, watchedId);
                return null;
            }
            return set;
        });
    }

    /** Runs a registry write; if it fails, the user is noted for {@link #repairRegistry} and the caller goes on. */
    private static void tryToTell(Runnable write, Set<String> toRepair, String userId) {
        try {
            write.run();
        } catch (RuntimeException e) {
            toRepair.add(userId);
            LOG.warnf("The registry could not be told of %s (%s); it is put right when it answers again", userId, e.toString());
        }
    }

    /**
     * Writes again, to match what this pod holds now, each user and watched user whose registry write failed, so a
     * registry that missed a socket's close does not route that user's deliveries and presence here forever. Stops
     * at the first failure (the registry is still away) and goes on at the next round.
     */
    @Scheduled(every = "${parley.presence.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void repairRegistry() {
        try {
            writeAgain(usersToRepair, byUser, registry::register, registry::unregister);
            writeAgain(watchedToRepair, watchers, registry::watch, registry::unwatch);
        } catch (RuntimeException e) {
            LOG.debugf("The registry is not answering yet (%d users, %d watched users to write again): %s",
                    usersToRepair.size(), watchedToRepair.size(), e.toString());
        }
    }

    /** Under each user's lock in {@code held}: written as held if this pod holds connections of theirs, else removed. */
    private static void writeAgain(Set<String> toRepair, Map<String, Set<WebSocketConnection>> held,
            Consumer<String> hold, Consumer<String> drop) {
        for (String user : List.copyOf(toRepair)) {
            held.compute(user, (id, connections) -> {
                (connections == null ? drop : hold).accept(id);
                toRepair.remove(id);
                return connections;
            });
        }
    }

    /**
     * The registry lost what this pod holds (Redis restarted empty, failed over, or reaped this pod after a pause):
     * every user and watched user is written again, and presence hears of each user as connected again. A user who
     * left meanwhile may have been written back; they are taken out again under their lock. On a worker thread, not
     * the heartbeat's: announcing presence again takes a while with many users.
     */
    void reassert(@ObservesAsync PodForgotten forgotten) {
        Set<String> users = Set.copyOf(byUser.keySet());
        Set<String> watched = Set.copyOf(watchers.keySet());
        registry.reassert(users, watched);
        for (String user : users) {
            byUser.compute(user, (id, connections) -> {
                if (connections == null) {
                    registry.unregister(id);
                }
                return connections;
            });
        }
        for (String user : watched) {
            watchers.compute(user, (id, connections) -> {
                if (connections == null) {
                    registry.unwatch(id);
                }
                return connections;
            });
        }
        users.stream().filter(byUser::containsKey).forEach(user -> events.fire(new UserConnections(user, true)));
        LOG.infof("Wrote %d users and %d watched users of this pod to the registry again", users.size(), watched.size());
    }

    /** The connection sent something (any frame, a WebSocket ping included): it is alive. */
    public void heard(WebSocketConnection connection) {
        lastHeard.computeIfPresent(connection, (c, at) -> System.nanoTime());
    }

    /** Closes the connections silent for longer than the timeout; their close handlers then remove them. */
    public int closeSilentFor(Duration timeout) {
        long now = System.nanoTime();
        int closed = 0;
        for (Map.Entry<WebSocketConnection, Long> entry : lastHeard.entrySet()) {
            if (now - entry.getValue() > timeout.toNanos()) {
                closed++;
                entry.getKey().close(new CloseReason(IDLE_CLOSE_CODE, "no frame for " + timeout.toSeconds() + " s"))
                        .subscribe().with(ok -> {
                        }, failure -> LOG.debugf("Closing an idle connection failed: %s", failure));
            }
        }
        return closed;
    }

    /** Closes the connections whose session has ended; the client logs in again. Their close handlers remove them. */
    public int closeEndedSessions(Instant now) {
        int closed = 0;
        for (Map.Entry<WebSocketConnection, SocketSession> entry : sessions.entrySet()) {
            if (!now.isBefore(entry.getValue().end())) {
                closed++;
                endSession(entry.getKey(), "the session expired: log in again");
            }
        }
        return closed;
    }

    /** Closes the user's connections of a session that was logged out. */
    public int closeSession(String userId, String sessionId) {
        int closed = 0;
        for (WebSocketConnection connection : byUser.getOrDefault(userId, Set.of())) {
            SocketSession session = sessions.get(connection);
            if (session != null && sessionId.equals(session.id())) {
                closed++;
                endSession(connection, "logged out");
            }
        }
        return closed;
    }

    private static void endSession(WebSocketConnection connection, String reason) {
        connection.close(new CloseReason(SESSION_ENDED, reason)).subscribe().with(ok -> {
        }, failure -> LOG.debugf("Closing a connection whose session ended failed: %s", failure));
    }

    /** The user's connections here stop watching another user's presence (who blocked them). Blocking, like watch. */
    public void stopWatching(String watcherId, String watchedId) {
        for (WebSocketConnection connection : byUser.getOrDefault(watcherId, Set.of())) {
            Set<String> watched = watching.getOrDefault(connection, Set.of());
            if (watched.contains(watchedId)) {
                Set<String> rest = new java.util.HashSet<>(watched);
                rest.remove(watchedId);
                watch(connection, rest);
            }
        }
    }

    /** Closes every connection with the given code and waits (up to the timeout) for the closes to go out. */
    /** How many sockets this pod holds. */
    public int count() {
        return lastHeard.size();
    }

    /**
     * Closes {@code count} of this pod's sockets chosen at random, each at a random moment within {@code spread}, so
     * that their clients do not all come back at once. Answers how many were picked.
     */
    public int closeSomeOver(int count, int code, String reason, Duration spread) {
        List<WebSocketConnection> all = new java.util.ArrayList<>(lastHeard.keySet());
        java.util.Collections.shuffle(all);
        List<WebSocketConnection> picked = all.subList(0, Math.min(count, all.size()));
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (WebSocketConnection connection : picked) {
            long delay = spread.toMillis() <= 0 ? 0 : random.nextLong(spread.toMillis());
            java.util.concurrent.CompletableFuture.delayedExecutor(delay, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .execute(() -> connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {
                    }, failure -> LOG.debugf("Closing a connection to rebalance failed: %s", failure)));
        }
        return picked.size();
    }

    public int closeAll(int code, String reason, Duration timeout) {
        var closing = lastHeard.keySet().stream()
                .map(connection -> connection.close(new CloseReason(code, reason)).onFailure().recoverWithNull())
                .toList();
        if (!closing.isEmpty()) {
            io.smallrye.mutiny.Uni.join().all(closing).andCollectFailures().await().atMost(timeout);
        }
        return closing.size();
    }

    /** Replaces the set of users whose presence the connection watches. Blocking (the registry may be Redis). */
    public void watch(WebSocketConnection connection, Set<String> userIds) {
        Set<String> before = watching.getOrDefault(connection, Set.of());
        for (String gone : before) {
            if (!userIds.contains(gone)) {
                dropWatcher(connection, gone);
            }
        }
        for (String added : userIds) {
            watchers.compute(added, (id, set) -> {
                Set<WebSocketConnection> connections = set == null ? ConcurrentHashMap.newKeySet() : set;
                if (connections.isEmpty()) {
                    registry.watch(added);
                }
                connections.add(connection);
                return connections;
            });
        }
        if (lastHeard.containsKey(connection)) {
            watching.put(connection, Set.copyOf(userIds));
        }
    }

    public boolean isConnected(String userId) {
        return byUser.containsKey(userId);
    }

    /** The users with a connection on this pod. */
    public Set<String> users() {
        return Set.copyOf(byUser.keySet());
    }

    /** Sends without waiting: the write is queued on the connection's event loop in call order. */
    public void send(String userId, String text) {
        sendAll(byUser.get(userId), text);
    }

    /** Sends to this node's connections watching the user's presence. */
    public void sendToWatchers(String watchedUserId, String text) {
        sendAll(watchers.get(watchedUserId), text);
    }

    private void sendAll(Set<WebSocketConnection> connections, String text) {
        if (connections == null) {
            return;
        }
        for (WebSocketConnection connection : connections) {
            writer.send(connection, text);
        }
    }
}
