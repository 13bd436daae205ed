package dev.parley.push;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** Cluster adapter of {@link PushGate}: {@code parley:push:<user>:<channel>} set only if absent, with expiry. */
@ApplicationScoped
@Typed(RedisPushGate.class)
public class RedisPushGate implements PushGate {

    private final Redis redis;

    // Instance: the Redis client bean is inactive (unconfigured) in embedded mode, where this is never built.
    @Inject
    RedisPushGate(Instance<Redis> redis) {
        this(redis.get());
    }

    RedisPushGate(Redis redis) {
        this.redis = redis;
    }

    @Override
    public boolean tryOpen(String userId, String channelId, Duration window) {
        return redis.sendAndAwait(Request.cmd(Command.SET).arg("parley:push:" + userId + ":" + channelId).arg("1")
                .arg("NX").arg("PX").arg(window.toMillis())) != null;
    }
}
