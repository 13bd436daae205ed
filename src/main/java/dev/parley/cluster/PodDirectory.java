package dev.parley.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.parley.config.ParleyConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Which pod incarnations are alive, in Redis: {@code parley:pod:<incarnation>} is refreshed every heartbeat and
 * expires after pod-ttl of silence; {@code parley:pods} lists the incarnations that joined. Features that keep
 * per-pod data in Redis (the session registry) filter it with {@link #aliveAmong} and clean up after a dead pod
 * when its {@link PodDied} event comes.
 */
@ApplicationScoped
public class PodDirectory {

    private static final long CLAIM_MILLIS = 60_000;
    private static final long CONFIRMED_MILLIS = 500;
    private static final int MAX_CONFIRMED = 10_000;

    private final Redis redis;
    private final String pod;
    private final String pods;
    private final String reaper;
    private final String incarnation;
    private final long podTtlMillis;
    private final Map<String, Long> confirmedAlive = new ConcurrentHashMap<>();

    // Instance: the Redis client bean is inactive (unconfigured) in embedded mode, where this is never built.
    @Inject
    PodDirectory(Instance<Redis> redis, PodIdentity pod, ParleyConfig config) {
        this(redis.get(), "parley:", pod.incarnation(), config.cluster().podTtl());
    }

    /** keyPrefix: "parley:" in production; tests give each directory world of their own. */
    public PodDirectory(Redis redis, String keyPrefix, String incarnation, Duration podTtl) {
        this.redis = redis;
        this.pod = keyPrefix + "pod:";
        this.pods = keyPrefix + "pods";
        this.reaper = keyPrefix + "reaper:";
        this.incarnation = incarnation;
        this.podTtlMillis = podTtl.toMillis();
    }

    /** This pod's incarnation: "index/uuid", new at every start. */
    public String incarnation() {
        return incarnation;
    }

    /** The pod index (partition of the deliveries topic) of an incarnation. */
    public static int indexOf(String incarnation) {
        return Integer.parseInt(incarnation.substring(0, incarnation.indexOf('/')));
    }

    /**
     * Marks this incarnation alive for another pod-ttl; called every heartbeat interval. Answers whether Redis had
     * forgotten this incarnation before this beat: its heartbeat key had lapsed (a pause past the pod-ttl), or it was
     * no longer listed among the pods (Redis restarted empty or failed over, or another pod reaped this one). Either
     * way what this pod wrote may be gone, and it should write it again ({@link PodForgotten}). True on the first
     * beat of an incarnation, which has written nothing yet.
     */
    public boolean heartbeat() {
        List<Response> answers = redis.batchAndAwait(List.of(
                Request.cmd(Command.PEXPIRE).arg(pod + incarnation).arg(podTtlMillis),
                Request.cmd(Command.SET).arg(pod + incarnation).arg("1").arg("PX").arg(podTtlMillis),
                Request.cmd(Command.SADD).arg(pods).arg(incarnation)));
        boolean keyHadLapsed = answers.get(0).toInteger() == 0;
        boolean wasUnlisted = answers.get(2).toInteger() == 1;
        return keyHadLapsed || wasUnlisted;
    }

    /** On a clean shutdown: this incarnation is dead now, not after the expiry, and nobody needs to reap it. */
    public void leave() {
        confirmedAlive.remove(incarnation);
        redis.batchAndAwait(List.of(Request.cmd(Command.DEL).arg(pod + incarnation),
                Request.cmd(Command.SREM).arg(pods).arg(incarnation)));
    }

    /**
     * Those of the incarnations whose heartbeat key still exists. An incarnation seen alive within the last
     * {@link #CONFIRMED_MILLIS} is taken as alive without asking (this is on every delivery's path; a pod is taken
     * for dead only after a pod-ttl of silence anyway).
     */
    public Set<String> aliveAmong(Collection<String> incarnations) {
        return aliveAmongAsync(incarnations).join();
    }

    /** The same without waiting: completes on the Redis client's thread, so callers hand blocking work elsewhere. */
    public CompletableFuture<Set<String>> aliveAmongAsync(Collection<String> incarnations) {
        AliveCheck check = new AliveCheck(incarnations);
        if (check.candidates.isEmpty()) {
            return CompletableFuture.completedFuture(check.alive);
        }
        return redis.batch(check.requests()).map(check::answer).subscribeAsCompletionStage();
    }

    /** One liveness question: the incarnations confirmed alive recently, and those to ask Redis about. */
    private final class AliveCheck {
        final long now = System.currentTimeMillis();
        final Set<String> alive = new HashSet<>();
        final List<String> candidates = new ArrayList<>();

        AliveCheck(Collection<String> incarnations) {
            for (String candidate : new HashSet<>(incarnations)) {
                Long seen = confirmedAlive.get(candidate);
                if (seen != null && now - seen < CONFIRMED_MILLIS) {
                    alive.add(candidate);
                } else {
                    candidates.add(candidate);
                }
            }
        }

        List<Request> requests() {
            if (confirmedAlive.size() > MAX_CONFIRMED) { // incarnations of pods long gone nobody asks about again
                confirmedAlive.values().removeIf(seen -> now - seen >= CONFIRMED_MILLIS);
            }
            return candidates.stream().map(candidate -> Request.cmd(Command.EXISTS).arg(pod + candidate)).toList();
        }

        Set<String> answer(List<Response> exists) {
            for (int i = 0; i < candidates.size(); i++) {
                if (exists.get(i).toInteger() == 1) {
                    alive.add(candidates.get(i));
                    confirmedAlive.put(candidates.get(i), now);
                } else {
                    confirmedAlive.remove(candidates.get(i));
                }
            }
            return alive;
        }
    }

    /** The indexes of the pods alive now (this one included once it has heartbeated). */
    public Set<Integer> livePods() {
        Set<String> known = new HashSet<>();
        redis.sendAndAwait(Request.cmd(Command.SMEMBERS).arg(pods)).forEach(r -> known.add(r.toString()));
        Set<Integer> indexes = new HashSet<>();
        aliveAmong(known).forEach(alive -> indexes.add(indexOf(alive)));
        return indexes;
    }

    /**
     * Claims, at most once in the cluster at a time, the clean-up of one dead incarnation. The claim lapses after a
     * minute, so a clean-up that failed is tried again; {@link #forget} ends it for good.
     */
    public Optional<String> claimDeadPod() {
        Set<String> known = new HashSet<>();
        redis.sendAndAwait(Request.cmd(Command.SMEMBERS).arg(pods)).forEach(r -> known.add(r.toString()));
        Set<String> alive = aliveAmong(known);
        for (String dead : known) {
            if (alive.contains(dead)) {
                continue;
            }
            Response claimed = redis.sendAndAwait(Request.cmd(Command.SET).arg(reaper + dead).arg(incarnation)
                    .arg("NX").arg("PX").arg(CLAIM_MILLIS));
            if (claimed != null) {
                return Optional.of(dead);
            }
        }
        return Optional.empty();
    }

    /** The dead incarnation has been cleaned up after. */
    public void forget(String deadIncarnation) {
        redis.sendAndAwait(Request.cmd(Command.SREM).arg(pods).arg(deadIncarnation));
    }
}
