package dev.parley.presence;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Cluster adapter of {@link PresenceStore}: {@code parley:grace:<user>} holds the token. The pod that started the
 * grace ends it when it runs out; the key's own expiry (grace + 5 s) only cleans up after a pod that died meanwhile,
 * and must not beat that pod's timer to it, or the end would be missed.
 */
@ApplicationScoped
@Typed(RedisPresenceStore.class)
public class RedisPresenceStore implements PresenceStore {

    private static final String KEY = "parley:grace:";
    private static final String ANNOUNCED = "parley:presence:";
    /** An offline announcement is forgotten after a day (absent means offline too); online ones stay. */
    private static final long OFFLINE_TTL_MILLIS = Duration.ofDays(1).toMillis();
    /** Deletes the key only if it still holds our token: a newer grace period is left alone. */
    private static final String END_IF_MINE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final Redis redis;

    // Instance: the Redis client bean is inactive (unconfigured) in embedded mode, where this is never built.
    @Inject
    RedisPresenceStore(Instance<Redis> redis) {
        this(redis.get());
    }

    RedisPresenceStore(Redis redis) {
        this.redis = redis;
    }

    @Override
    public void startGrace(String userId, String token, Duration grace) {
        redis.sendAndAwait(Request.cmd(Command.SET).arg(KEY + userId).arg(token).arg("PX")
                .arg(grace.plus(LAPSE_AFTER).toMillis()));
    }

    @Override
    public boolean inGrace(String userId) {
        Response exists = redis.sendAndAwait(Request.cmd(Command.EXISTS).arg(KEY + userId));
        return exists.toInteger() == 1;
    }

    @Override
    public boolean endGrace(String userId, String token) {
        return redis.sendAndAwait(Request.cmd(Command.EVAL).arg(END_IF_MINE).arg(1).arg(KEY + userId).arg(token))
                .toInteger() == 1;
    }

    @Override
    public void cancelGrace(String userId) {
        redis.sendAndAwait(Request.cmd(Command.DEL).arg(KEY + userId));
    }

    @Override
    public String announce(String userId, String status) {
        Request set = Request.cmd(Command.SET).arg(ANNOUNCED + userId).arg(status);
        set = PresenceFrame.OFFLINE.equals(status) ? set.arg("PX").arg(OFFLINE_TTL_MILLIS) : set;
        Response previous = redis.sendAndAwait(set.arg("GET"));
        return previous == null ? null : previous.toString();
    }
}
