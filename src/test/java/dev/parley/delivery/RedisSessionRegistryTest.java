package dev.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.ExtendWith;

import org.junit.jupiter.api.Test;

import dev.parley.cluster.PodDied;
import dev.parley.cluster.PodDirectory;
import dev.parley.cluster.PodLeaving;
import dev.parley.support.ClusterServers;
import dev.parley.support.Waits;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** {@link SessionRegistryContract} against the Redis adapter, on a real Redis, with pods made up by the test. */
@ExtendWith(ClusterServers.class)
class RedisSessionRegistryTest extends SessionRegistryContract {

    private final Redis redis;
    private final Map<RedisSessionRegistry, PodDirectory> directories = new HashMap<>();
    private final List<SessionsLost> lost = new CopyOnWriteArrayList<>();
    /** Pods of this test only: no running Parley claims them. */
    private final String podKeys = "test-" + UUID.randomUUID() + ":";

    RedisSessionRegistryTest(Redis redis) {
        this.redis = redis;
    }

    @Override
    protected SessionRegistry registry(int podIndex) {
        return alivePod(podIndex, Duration.ofSeconds(30));
    }

    private RedisSessionRegistry alivePod(int podIndex, Duration ttl) {
        PodDirectory directory = new PodDirectory(redis, podKeys, podIndex + "/" + UUID.randomUUID(), ttl);
        directory.heartbeat();
        RedisSessionRegistry registry = new RedisSessionRegistry(redis, directory, lost::add);
        directories.put(registry, directory);
        return registry;
    }

    @Test
    void usersAreFoundOnEveryPodThatHoldsTheirConnections() {
        RedisSessionRegistry pod1 = alivePod(1, Duration.ofSeconds(30));
        RedisSessionRegistry pod2 = alivePod(2, Duration.ofSeconds(30));
        String ann = newUser();
        String bob = newUser();
        pod1.register(ann);
        pod2.register(ann);
        pod2.register(bob);
        Map<Integer, List<String>> found = pod1.locate(List.of(ann, bob));
        assertThat(found).containsOnlyKeys(1, 2);
        assertThat(found.get(1)).containsExactly(ann);
        assertThat(found.get(2)).containsExactlyInAnyOrder(ann, bob);
    }

    @Test
    void aPodWhoseHeartbeatStoppedIsForgotten() {
        RedisSessionRegistry survivor = alivePod(1, Duration.ofSeconds(30));
        RedisSessionRegistry dying = alivePod(2, Duration.ofMillis(300));
        String ann = newUser();
        survivor.register(ann);
        dying.register(ann);
        assertThat(survivor.locate(List.of(ann))).containsOnlyKeys(1, 2);

        // No more heartbeats from the dying pod: once its key expires, its sessions no longer count (they are
        // removed when its death is claimed: see below).
        Waits.until(() -> !survivor.locate(List.of(ann)).containsKey(2), "the dead pod to be forgotten");
        assertThat(survivor.locate(List.of(ann))).containsOnlyKeys(1);
    }

    /**
     * Redis restarted empty: until a pod's next heartbeat it looks dead, yet its sockets keep registering. A lookup
     * in between must not delete those entries, or the users stay unreachable after the heartbeat (the pod's
     * re-write of what it holds may already have run, or run before the delete lands).
     */
    @Test
    void aSocketRegisteredBeforeItsPodsFirstHeartbeatCountsOnceThePodBeats() {
        RedisSessionRegistry asker = alivePod(1, Duration.ofSeconds(30));
        PodDirectory forgotten = new PodDirectory(redis, podKeys, "2/" + UUID.randomUUID(), Duration.ofSeconds(30));
        RedisSessionRegistry holder = new RedisSessionRegistry(redis, forgotten, lost::add);
        String ann = newUser();
        holder.register(ann);

        assertThat(asker.locate(List.of(ann))).as("a pod that has not beaten yet does not count").isEmpty();
        forgotten.heartbeat();
        assertThat(asker.locate(List.of(ann))).isEqualTo(Map.of(2, List.of(ann)));
    }

    @Test
    void aCleanShutdownRemovesThePodsSessionsAtOnce() {
        RedisSessionRegistry observer = alivePod(1, Duration.ofSeconds(30));
        RedisSessionRegistry leaving = alivePod(2, Duration.ofSeconds(30));
        String ann = newUser();
        leaving.register(ann);
        assertThat(observer.locate(List.of(ann))).containsOnlyKeys(2);
        leaving.onLeaving(new PodLeaving(directories.get(leaving).incarnation()));
        directories.get(leaving).leave();
        assertThat(observer.locate(List.of(ann))).isEmpty();
    }

    @Test
    void aDeadPodsUsersAreRemovedAndNamedWhenItsDeathIsClaimed() {
        RedisSessionRegistry survivor = alivePod(1, Duration.ofSeconds(30));
        RedisSessionRegistry dying = alivePod(2, Duration.ofMillis(300));
        String ann = newUser();
        String bob = newUser();
        dying.register(ann);
        dying.register(bob);
        survivor.register(bob);
        String dead = directories.get(dying).incarnation();

        // The directory hands the dead pod's clean-up to one claimant; its registry removes the sessions.
        PodDirectory claimant = directories.get(survivor);
        Waits.until(() -> claimant.claimDeadPod().filter(dead::equals).isPresent(), "the dead pod to be claimed");
        survivor.onPodDied(new PodDied(dead));
        claimant.forget(dead);

        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).userIds()).containsExactlyInAnyOrder(ann, bob);
        assertThat(claimant.claimDeadPod()).isEmpty();
        assertThat(redis.send(Request.cmd(Command.SCARD).arg("parley:sessions:" + ann)).await().indefinitely().toInteger())
                .isZero();
        assertThat(survivor.locate(List.of(ann, bob))).isEqualTo(Map.of(1, List.of(bob)));
    }
}
