package dev.parley.auth;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import io.vertx.mutiny.redis.client.Redis;

/** {@link RevokedSessionsContract} against the Redis adapter, on a real Redis. */
@ExtendWith(ClusterServers.class)
class RedisRevokedSessionsTest extends RevokedSessionsContract {

    private final RevokedSessions revoked;

    RedisRevokedSessionsTest(Redis redis) {
        this.revoked = new RedisRevokedSessions(redis);
    }

    @Override
    protected RevokedSessions revoked() {
        return revoked;
    }
}
