package dev.parley.auth;

import java.time.Duration;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import io.vertx.mutiny.redis.client.Redis;

/** {@link TicketStoreContract} against the Redis adapter, on a real Redis. */
@ExtendWith(ClusterServers.class)
class RedisTicketStoreTest extends TicketStoreContract {

    private final Redis redis;

    RedisTicketStoreTest(Redis redis) {
        this.redis = redis;
    }

    @Override
    protected TicketStore store(Duration ttl) {
        return new RedisTicketStore(redis, ttl);
    }
}
