package dev.parley.presence;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import io.vertx.mutiny.redis.client.Redis;

/** {@link PresenceStoreContract} against the Redis adapter, on a real Redis. */
@ExtendWith(ClusterServers.class)
class RedisPresenceStoreTest extends PresenceStoreContract {

    private final PresenceStore store;

    RedisPresenceStoreTest(Redis redis) {
        this.store = new RedisPresenceStore(redis);
    }

    @Override
    protected PresenceStore store() {
        return store;
    }
}
