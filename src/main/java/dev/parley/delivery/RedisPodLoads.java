package dev.parley.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import dev.parley.cluster.PodDied;
import dev.parley.cluster.PodDirectory;
import dev.parley.config.ParleyConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Cluster adapter of {@link PodLoads}: {@code parley:pod-loads} maps each pod incarnation to "sockets socketUrl";
 * entries of pods the {@link PodDirectory} does not find alive are left out, and removed when the pod's
 * {@link PodDied} comes.
 */
@ApplicationScoped
@Typed(RedisPodLoads.class)
public class RedisPodLoads implements PodLoads {

    private final Redis redis;
    private final PodDirectory pods;
    private final String key;
    private final String socketUrl;

    @Inject
    RedisPodLoads(Instance<Redis> redis, PodDirectory pods, ParleyConfig config) {
        this(redis.get(), pods, "parley:pod-loads", config.balance().socketUrl().orElse(null));
    }

    /** key: "parley:pod-loads" in production; tests give each a world of its own. */
    public RedisPodLoads(Redis redis, PodDirectory pods, String key, String socketUrl) {
        this.redis = redis;
        this.pods = pods;
        this.key = key;
        this.socketUrl = socketUrl;
    }

    @Override
    public String self() {
        return pods.incarnation();
    }

    @Override
    public void publish(int sockets) {
        redis.sendAndAwait(Request.cmd(Command.HSET).arg(key).arg(self())
                .arg(sockets + (socketUrl == null ? "" : " " + socketUrl)));
    }

    @Override
    public void withdraw() {
        redis.sendAndAwait(Request.cmd(Command.HDEL).arg(key).arg(self()));
    }

    @Override
    public List<PodLoad> all() {
        Response entries = redis.sendAndAwait(Request.cmd(Command.HGETALL).arg(key));
        Map<String, String> published = new HashMap<>();
        if (entries != null) {
            for (String pod : entries.getKeys()) {
                published.put(pod, entries.get(pod).toString());
            }
        }
        Set<String> alive = pods.aliveAmong(published.keySet());
        List<PodLoad> loads = new ArrayList<>();
        published.forEach((pod, value) -> {
            if (alive.contains(pod)) {
                String[] parts = value.split(" ", 2);
                loads.add(new PodLoad(pod, Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : null));
            }
        });
        return loads;
    }

    void onPodDied(@Observes PodDied dead) {
        redis.sendAndAwait(Request.cmd(Command.HDEL).arg(key).arg(dead.incarnation()));
    }
}
