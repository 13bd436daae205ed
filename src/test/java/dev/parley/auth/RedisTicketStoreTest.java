package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

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

    /** During a rolling update a ticket issued by a pod of an earlier version still opens. */
    @Test
    void ticketsFromEarlierVersionsStillOpen() {
        redis.sendAndAwait(Request.cmd(Command.SET).arg("parley:ticket:old-one").arg("user-7").arg("PX").arg(30_000));
        assertThat(store(Duration.ofSeconds(30)).redeem("old-one").await().atMost(Duration.ofSeconds(10)))
                .as("the user id alone").contains(new TicketStore.Holder("user-7", new Session(null, Instant.MAX)));
        redis.sendAndAwait(Request.cmd(Command.SET).arg("parley:ticket:old-two").arg("1900000000 user-8").arg("PX").arg(30_000));
        assertThat(store(Duration.ofSeconds(30)).redeem("old-two").await().atMost(Duration.ofSeconds(10)))
                .as("with the session end").contains(new TicketStore.Holder("user-8",
                        new Session(null, Instant.ofEpochSecond(1_900_000_000L))));
    }
}
