package dev.parley.auth;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Cluster adapter of {@link RevokedSessions}: {@code parley:revoked:<session id>} expires with the token. A Redis that
 * restarts empty forgets the log-outs; their tokens work again until they expire (docs/architecture.md, threat model).
 */
@ApplicationScoped
@Typed(RedisRevokedSessions.class)
public class RedisRevokedSessions implements RevokedSessions {

    private static final String KEY = "parley:revoked:";

    private final Redis redis;

    // Instance: the Redis client bean is inactive (unconfigured) in embedded mode, where this is never built.
    @Inject
    RedisRevokedSessions(Instance<Redis> redis) {
        this(redis.get());
    }

    RedisRevokedSessions(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Uni<Void> revoke(String sessionId, Instant tokenExpiresAt) {
        long millisLeft = Math.max(1, Duration.between(Instant.now(), tokenExpiresAt).toMillis());
        return redis.send(Request.cmd(Command.SET).arg(KEY + sessionId).arg("1").arg("PX").arg(millisLeft))
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> isRevoked(String sessionId) {
        return redis.send(Request.cmd(Command.EXISTS).arg(KEY + sessionId)).map(found -> found.toInteger() > 0);
    }
}
