package dev.parley.push;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import io.vertx.mutiny.redis.client.Redis;

/** {@link PushGateContract} against the Redis adapter, on a real Redis. */
@ExtendWith(ClusterServers.class)
class RedisPushGateTest extends PushGateContract {

    private final PushGate gate;

    RedisPushGateTest(Redis redis) {
        this.gate = new RedisPushGate(redis);
    }

    @Override
    protected PushGate gate() {
        return gate;
    }
}
