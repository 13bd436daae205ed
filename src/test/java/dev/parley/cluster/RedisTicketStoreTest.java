package dev.parley.cluster;

import java.time.Duration;

import jakarta.inject.Inject;

import dev.parley.auth.TicketStore;
import dev.parley.auth.TicketStoreContract;
import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Redis;

@QuarkusTest
@TestProfile(ClusterProfile.class)
class RedisTicketStoreTest extends TicketStoreContract {

    @Inject
    Redis redis;

    @Override
    protected TicketStore store(Duration ttl) {
        return dev.parley.auth.RedisTicketStoreAccess.create(redis, ttl);
    }
}
