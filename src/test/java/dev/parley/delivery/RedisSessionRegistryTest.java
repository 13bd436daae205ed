package dev.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.support.ClusterProfile;
import dev.parley.support.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

@QuarkusTest
@TestProfile(ClusterProfile.class)
class RedisSessionRegistryTest extends SessionRegistryContract {

    @Inject
    Redis redis;

    @Override
    protected SessionRegistry registry(int podIndex) {
        return alivePod(podIndex, Duration.ofSeconds(30));
    }

    private RedisSessionRegistry alivePod(int podIndex, Duration ttl) {
        RedisSessionRegistry registry = new RedisSessionRegistry(redis, podIndex + "/" + UUID.randomUUID(), ttl);
        registry.heartbeat();
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

        // No more heartbeats from the dying pod: once its key expires, its sessions no longer count and are removed.
        Waits.until(() -> !survivor.locate(List.of(ann)).containsKey(2), "the dead pod to be forgotten");
        assertThat(redis.send(Request.cmd(Command.SCARD).arg("parley:sessions:" + ann)).await().indefinitely().toInteger())
                .isEqualTo(1);
    }

    @Test
    void aCleanShutdownRemovesThePodsSessionsAtOnce() {
        RedisSessionRegistry observer = alivePod(1, Duration.ofSeconds(30));
        RedisSessionRegistry leaving = alivePod(2, Duration.ofSeconds(30));
        String ann = newUser();
        leaving.register(ann);
        assertThat(observer.locate(List.of(ann))).containsOnlyKeys(2);
        leaving.leave(List.of(ann));
        assertThat(observer.locate(List.of(ann))).isEmpty();
    }
}
