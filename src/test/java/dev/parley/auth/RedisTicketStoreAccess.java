package dev.parley.auth;

import java.time.Duration;

import io.vertx.mutiny.redis.client.Redis;

/** Lets the cluster contract test build a {@link RedisTicketStore} with its own ticket lifetime. */
public final class RedisTicketStoreAccess {
    private RedisTicketStoreAccess() {
    }

    public static TicketStore create(Redis redis, Duration ttl) {
        return new RedisTicketStore(redis, ttl);
    }
}
