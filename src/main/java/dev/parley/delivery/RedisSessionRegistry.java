package dev.parley.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import dev.parley.cluster.PodDied;
import dev.parley.cluster.PodDirectory;
import dev.parley.cluster.PodLeaving;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Cluster adapter of {@link SessionRegistry}. Keys:
 * <ul>
 * <li>{@code parley:sessions:<userId>}: the pod incarnations ("3/uuid") holding the user's connections;</li>
 * <li>{@code parley:pod-users:<incarnation>}: the users a pod incarnation holds, to clean up after it;</li>
 * <li>{@code parley:watchers:<userId>}: the pod incarnations with connections watching the user's presence.</li>
 * </ul>
 * Entries of an incarnation that the {@link PodDirectory} does not find alive do not count. Only a pod's
 * {@link PodDied} event removes them, never a lookup: right after Redis restarts empty every pod looks dead until
 * its next heartbeat, and a socket registered in between must still count once that heartbeat comes.
 */
@ApplicationScoped
@Typed(RedisSessionRegistry.class)
public class RedisSessionRegistry implements SessionRegistry {

    private static final String SESSIONS = "parley:sessions:";
    private static final String WATCHERS = "parley:watchers:";
    private static final String POD_USERS = "parley:pod-users:";
    private static final int REASSERT_BATCH = 1_000;

    private final Redis redis;
    private final PodDirectory pods;
    private final String incarnation;
    private final Consumer<SessionsLost> lost;

    // Instance: the Redis client bean is inactive (unconfigured) in embedded mode, where this is never built.
    @Inject
    RedisSessionRegistry(Instance<Redis> redis, PodDirectory pods, Event<SessionsLost> lost) {
        this(redis.get(), pods, lost::fire);
    }

    /** lost hears of the users of each dead pod this registry cleaned up after. */
    public RedisSessionRegistry(Redis redis, PodDirectory pods, Consumer<SessionsLost> lost) {
        this.redis = redis;
        this.pods = pods;
        this.incarnation = pods.incarnation();
        this.lost = lost;
    }

    @Override
    public void register(String userId) {
        redis.batchAndAwait(List.of(Request.cmd(Command.SADD).arg(SESSIONS + userId).arg(incarnation),
                Request.cmd(Command.SADD).arg(POD_USERS + incarnation).arg(userId)));
    }

    @Override
    public void unregister(String userId) {
        redis.batchAndAwait(List.of(Request.cmd(Command.SREM).arg(SESSIONS + userId).arg(incarnation),
                Request.cmd(Command.SREM).arg(POD_USERS + incarnation).arg(userId)));
    }

    /** Pipelined, in batches, so that tens of thousands of users are written again within a heartbeat. */
    @Override
    public void reassert(Set<String> userIds, Set<String> watchedUserIds) {
        List<Request> writes = new ArrayList<>();
        userIds.forEach(user -> writes.add(Request.cmd(Command.SADD).arg(SESSIONS + user).arg(incarnation)));
        List<String> users = new ArrayList<>(userIds);
        for (int from = 0; from < users.size(); from += REASSERT_BATCH) {
            Request listed = Request.cmd(Command.SADD).arg(POD_USERS + incarnation);
            users.subList(from, Math.min(users.size(), from + REASSERT_BATCH)).forEach(listed::arg);
            writes.add(listed);
        }
        watchedUserIds.forEach(user -> writes.add(Request.cmd(Command.SADD).arg(WATCHERS + user).arg(incarnation)));
        for (int from = 0; from < writes.size(); from += REASSERT_BATCH) {
            redis.batchAndAwait(writes.subList(from, Math.min(writes.size(), from + REASSERT_BATCH)));
        }
    }

    @Override
    public void watch(String userId) {
        redis.sendAndAwait(Request.cmd(Command.SADD).arg(WATCHERS + userId).arg(incarnation));
    }

    @Override
    public void unwatch(String userId) {
        redis.sendAndAwait(Request.cmd(Command.SREM).arg(WATCHERS + userId).arg(incarnation));
    }

    @Override
    public Set<Integer> watcherPods(String userId) {
        Set<String> incarnations = new HashSet<>();
        redis.sendAndAwait(Request.cmd(Command.SMEMBERS).arg(WATCHERS + userId)).forEach(r -> incarnations.add(r.toString()));
        Set<String> alive = pods.aliveAmong(incarnations);
        Set<Integer> watching = new HashSet<>();
        alive.forEach(i -> watching.add(PodDirectory.indexOf(i)));
        return watching;
    }

    /** For callers off the message path (presence, push), which may wait; never called on an event loop. */
    @Override
    public Map<Integer, List<String>> locate(Collection<String> userIds) {
        return locateAsync(userIds).join();
    }

    @Override
    public CompletableFuture<Map<Integer, List<String>>> locateAsync(Collection<String> userIds) {
        Lookup lookup = new Lookup(userIds);
        if (lookup.users.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return redis.batch(lookup.requests()).subscribeAsCompletionStage().toCompletableFuture()
                .thenCompose(memberships -> {
                    lookup.heard(memberships);
                    return pods.aliveAmongAsync(lookup.incarnations);
                }).thenApply(lookup::byPod);
    }

    /** One lookup: the users asked about and the incarnations Redis names for each. */
    private static final class Lookup {
        final List<String> users;
        final Map<String, Set<String>> incarnationsByUser = new HashMap<>();
        final Set<String> incarnations = new HashSet<>();

        Lookup(Collection<String> userIds) {
            users = List.copyOf(new LinkedHashSet<>(userIds));
        }

        List<Request> requests() {
            return users.stream().map(user -> Request.cmd(Command.SMEMBERS).arg(SESSIONS + user)).toList();
        }

        void heard(List<Response> memberships) {
            for (int i = 0; i < users.size(); i++) {
                Set<String> found = new HashSet<>();
                for (Response member : memberships.get(i)) {
                    found.add(member.toString());
                }
                incarnationsByUser.put(users.get(i), found);
                incarnations.addAll(found);
            }
        }

        Map<Integer, List<String>> byPod(Set<String> alive) {
            Map<Integer, List<String>> byPod = new HashMap<>();
            for (String user : users) {
                for (String holder : incarnationsByUser.get(user)) {
                    if (alive.contains(holder)) {
                        byPod.computeIfAbsent(PodDirectory.indexOf(holder), i -> new ArrayList<>()).add(user);
                    }
                }
            }
            return byPod;
        }
    }

    /** A dead pod's users: their entries go, and whoever cares (presence) hears which users those were. */
    public void onPodDied(@Observes PodDied dead) {
        List<String> users = removeSessionsOf(dead.incarnation());
        if (!users.isEmpty()) {
            lost.accept(new SessionsLost(users));
        }
    }

    /** On a clean shutdown: this pod's sessions are gone now, not after the heartbeat lapses. */
    public void onLeaving(@Observes PodLeaving leaving) {
        removeSessionsOf(leaving.incarnation());
    }

    private List<String> removeSessionsOf(String holder) {
        List<String> users = new ArrayList<>();
        redis.sendAndAwait(Request.cmd(Command.SMEMBERS).arg(POD_USERS + holder)).forEach(r -> users.add(r.toString()));
        List<Request> cleanup = new ArrayList<>();
        users.forEach(user -> cleanup.add(Request.cmd(Command.SREM).arg(SESSIONS + user).arg(holder)));
        cleanup.add(Request.cmd(Command.DEL).arg(POD_USERS + holder));
        redis.batchAndAwait(cleanup);
        return users;
    }
}
