package dev.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.cluster.PodDied;
import dev.parley.cluster.PodDirectory;
import dev.parley.support.ClusterServers;
import io.vertx.mutiny.redis.client.Redis;

/** {@link PodLoadsContract} on a real Redis, in keys of its own; plus what only the cluster has: several pods. */
@ExtendWith(ClusterServers.class)
class RedisPodLoadsTest extends PodLoadsContract {

    private final Redis redis;
    private final String world = "test-" + UUID.randomUUID() + ":";
    private int pods;

    RedisPodLoadsTest(Redis redis) {
        this.redis = redis;
    }

    private RedisPodLoads pod(String socketUrl, Duration ttl) {
        PodDirectory directory = new PodDirectory(redis, world, (pods++) + "/" + UUID.randomUUID(), ttl);
        directory.heartbeat();
        return new RedisPodLoads(redis, directory, world + "pod-loads", socketUrl);
    }

    @Override
    protected PodLoads pod(String socketUrl) {
        return pod(socketUrl, Duration.ofMinutes(1));
    }

    @Test
    void everyLivePodSeesEveryLivePodsLoadAndADeadOnesIsLeftOut() {
        RedisPodLoads a = pod("ws://a", Duration.ofMinutes(1));
        RedisPodLoads b = pod(null, Duration.ofMinutes(1));
        RedisPodLoads dying = pod("ws://c", Duration.ofMillis(200));
        a.publish(30);
        b.publish(10);
        dying.publish(5);
        dev.parley.support.Waits.until(() -> a.all().size() == 2, "the silent pod to be left out");
        assertThat(b.all()).containsExactlyInAnyOrder(new PodLoads.PodLoad(a.self(), 30, "ws://a"),
                new PodLoads.PodLoad(b.self(), 10, null));

        a.onPodDied(new PodDied(b.self()));
        assertThat(a.all()).extracting(PodLoads.PodLoad::pod).containsExactly(a.self());
        a.withdraw();
        assertThat(a.all()).isEmpty();
    }
}
