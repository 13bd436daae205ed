package dev.parley.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;

import dev.parley.cluster.PodIdentity;
import dev.parley.config.ParleyConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Cluster adapter of {@link SessionRegistry}. Keys:
 * <ul>
 * <li>{@code parley:sessions:<userId>}: a set of pod incarnations ("3/uuid") holding the user's connections;</li>
 * <li>{@code parley:pod:<incarnation>}: present while that pod incarnation is alive (heartbeat with expiry).</li>
 * </ul>
 * A dead pod's entries stop counting when its heartbeat key expires, and are removed as lookups find them.
 */
@ApplicationScoped
@Typed(RedisSessionRegistry.class)
public class RedisSessionRegistry implements SessionRegistry {

    private static final String SESSIONS = "parley:sessions:";
    private static final String POD = "parley:pod:";
    private static final String WATCHERS = "parley:watchers:";
    private static final String PODS = "parley:pods";
    private static final String POD_USERS = "parley:pod-users:";

    private final Redis redis;
    private final String incarnation;
    private final long podTtlMillis;

    // Instance: the Redis client bean is inactive (unconfigured) in embedded mode, where this is never built.
    @jakarta.inject.Inject
    RedisSessionRegistry(Instance<Redis> redis, PodIdentity pod, ParleyConfig config) {
        this(redis.get(), pod.incarnation(), config.cluster().podTtl());
    }

    RedisSessionRegistry(Redis redis, String incarnation, java.time.Duration podTtl) {
        this.redis = redis;
        this.incarnation = incarnation;
        this.podTtlMillis = podTtl.toMillis();
    }

    /** Marks this pod incarnation alive for another pod-ttl; called every heartbeat interval. */
    public void heartbeat() {
        redis.batchAndAwait(List.of(
                Request.cmd(Command.SET).arg(POD + incarnation).arg("1").arg("PX").arg(podTtlMillis),
                Request.cmd(Command.SADD).arg(PODS).arg(incarnation)));
    }

    /** On a clean shutdown: this pod's sessions are gone now, not after the expiry. */
    public void leave(Collection<String> localUsers) {
        List<Request> requests = new ArrayList<>();
        requests.add(Request.cmd(Command.DEL).arg(POD + incarnation));
        requests.add(Request.cmd(Command.DEL).arg(POD_USERS + incarnation));
        requests.add(Request.cmd(Command.SREM).arg(PODS).arg(incarnation));
        localUsers.forEach(user -> requests.add(Request.cmd(Command.SREM).arg(SESSIONS + user).arg(incarnation)));
        redis.batchAndAwait(requests);
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
        Set<String> alive = alive(incarnations);
        List<Request> forget = incarnations.stream().filter(i -> !alive.contains(i))
                .map(i -> Request.cmd(Command.SREM).arg(WATCHERS + userId).arg(i)).toList();
        if (!forget.isEmpty()) {
            redis.batchAndAwait(forget);
        }
        Set<Integer> pods = new HashSet<>();
        alive.forEach(i -> pods.add(indexOf(i)));
        return pods;
    }

    /**
     * Claims, at most once in the cluster, the clean-up of one dead pod incarnation and returns the users it held
     * (empty when there is none to claim). Their session entries are removed before returning.
     */
    public List<String> reapOneDeadPod() {
        Set<String> known = new HashSet<>();
        redis.sendAndAwait(Request.cmd(Command.SMEMBERS).arg(PODS)).forEach(r -> known.add(r.toString()));
        Set<String> alive = alive(known);
        for (String dead : known) {
            if (alive.contains(dead)) {
                continue;
            }
            Response claimed = redis.sendAndAwait(Request.cmd(Command.SET).arg("parley:reaper:" + dead).arg(incarnation)
                    .arg("NX").arg("PX").arg(60_000));
            if (claimed == null) {
                continue; // another pod is on it
            }
            List<String> users = new ArrayList<>();
            redis.sendAndAwait(Request.cmd(Command.SMEMBERS).arg(POD_USERS + dead)).forEach(r -> users.add(r.toString()));
            List<Request> cleanup = new ArrayList<>();
            users.forEach(user -> cleanup.add(Request.cmd(Command.SREM).arg(SESSIONS + user).arg(dead)));
            cleanup.add(Request.cmd(Command.DEL).arg(POD_USERS + dead));
            cleanup.add(Request.cmd(Command.SREM).arg(PODS).arg(dead));
            redis.batchAndAwait(cleanup);
            return users;
        }
        return List.of();
    }

    @Override
    public Map<Integer, List<String>> locate(Collection<String> userIds) {
        List<String> users = List.copyOf(new LinkedHashSet<>(userIds));
        if (users.isEmpty()) {
            return Map.of();
        }
        List<Response> memberships = redis.batchAndAwait(
                users.stream().map(user -> Request.cmd(Command.SMEMBERS).arg(SESSIONS + user)).toList());
        Map<String, Set<String>> incarnationsByUser = new HashMap<>();
        Set<String> incarnations = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            Set<String> found = new HashSet<>();
            for (Response member : memberships.get(i)) {
                found.add(member.toString());
            }
            incarnationsByUser.put(users.get(i), found);
            incarnations.addAll(found);
        }
        Set<String> alive = alive(incarnations);
        Map<Integer, List<String>> byPod = new HashMap<>();
        List<Request> forget = new ArrayList<>();
        for (String user : users) {
            for (String incarnation : incarnationsByUser.get(user)) {
                if (alive.contains(incarnation)) {
                    byPod.computeIfAbsent(indexOf(incarnation), i -> new ArrayList<>()).add(user);
                } else {
                    forget.add(Request.cmd(Command.SREM).arg(SESSIONS + user).arg(incarnation));
                }
            }
        }
        if (!forget.isEmpty()) {
            redis.batchAndAwait(forget);
        }
        return byPod;
    }

    private Set<String> alive(Set<String> incarnations) {
        List<String> candidates = List.copyOf(incarnations);
        if (candidates.isEmpty()) {
            return Set.of();
        }
        List<Response> exists = redis.batchAndAwait(
                candidates.stream().map(incarnation -> Request.cmd(Command.EXISTS).arg(POD + incarnation)).toList());
        Set<String> alive = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (exists.get(i).toInteger() == 1) {
                alive.add(candidates.get(i));
            }
        }
        return alive;
    }

    private static int indexOf(String incarnation) {
        return Integer.parseInt(incarnation.substring(0, incarnation.indexOf('/')));
    }
}
