package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import dev.parley.support.Waits;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** A pod learns at its next heartbeat that Redis forgot it, whichever way it was forgotten (issue 11, item 3). */
@ExtendWith(ClusterServers.class)
class PodDirectoryTest {

    private final Redis redis;
    /** A directory world of this test's own: no running Parley reads or reaps it. */
    private final String keys = "test-" + UUID.randomUUID() + ":";

    PodDirectoryTest(Redis redis) {
        this.redis = redis;
    }

    private PodDirectory pod(int index, Duration ttl) {
        return new PodDirectory(redis, keys, index + "/" + UUID.randomUUID(), ttl);
    }

    @Test
    void aBeatAfterABeatRemembersAndTheFirstDoesNot() {
        PodDirectory pod = pod(0, Duration.ofMinutes(1));
        assertThat(pod.heartbeat()).isTrue();
        assertThat(pod.heartbeat()).isFalse();
        assertThat(pod.heartbeat()).isFalse();
    }

    @Test
    void redisLosingEverythingIsSeenAtTheNextBeat() {
        PodDirectory pod = pod(0, Duration.ofMinutes(1));
        pod.heartbeat();
        redis.batchAndAwait(java.util.List.of(Request.cmd(Command.DEL).arg(keys + "pod:" + pod.incarnation()),
                Request.cmd(Command.DEL).arg(keys + "pods")));

        assertThat(pod.heartbeat()).isTrue();
        assertThat(pod.heartbeat()).isFalse();
    }

    @Test
    void aPauseLongerThanThePodTtlIsSeenAtTheNextBeat() {
        PodDirectory pod = pod(0, Duration.ofMillis(300));
        pod.heartbeat();
        Waits.until(() -> redis.sendAndAwait(Request.cmd(Command.EXISTS).arg(keys + "pod:" + pod.incarnation()))
                .toInteger() == 0, "the heartbeat key to lapse");

        assertThat(pod.heartbeat()).isTrue();
    }

    @Test
    void beingReapedByAnotherPodIsSeenAtTheNextBeat() {
        PodDirectory paused = pod(0, Duration.ofMillis(300));
        PodDirectory reaper = pod(1, Duration.ofMinutes(1));
        paused.heartbeat();
        reaper.heartbeat();
        Waits.until(() -> redis.sendAndAwait(Request.cmd(Command.EXISTS).arg(keys + "pod:" + paused.incarnation()))
                .toInteger() == 0, "the paused pod's heartbeat key to lapse");
        assertThat(reaper.claimDeadPod()).contains(paused.incarnation());
        reaper.forget(paused.incarnation());

        assertThat(paused.heartbeat()).isTrue();
        assertThat(reaper.livePods()).contains(0); // listed and alive again
    }
}
