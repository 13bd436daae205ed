package dev.parley.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import dev.parley.config.ParleyConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Cluster adapter of {@link TicketStore}: {@code parley:ticket:<ticket>} holds the user id and expires on its own;
 * redemption is GETDEL, atomic, so a ticket opens one socket on whichever pod. Redeeming never blocks (it runs in
 * the HTTP authentication step, on the event loop).
 */
@ApplicationScoped
@Typed(RedisTicketStore.class)
public class RedisTicketStore implements TicketStore {

    private static final String KEY = "parley:ticket:";

    private final Redis redis;
    private final Duration ttl;

    // Instance: the Redis client bean is inactive (unconfigured) in embedded mode, where this is never built.
    @Inject
    RedisTicketStore(Instance<Redis> redis, ParleyConfig config) {
        this(redis.get(), config.tickets().ttl());
    }

    RedisTicketStore(Redis redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    public Ticket issue(Holder holder) {
        String value = TicketValues.next();
        Instant expiresAt = Instant.now().plus(ttl);
        // "<session end, epoch seconds> <user id>": user ids are opaque, so they come last, whole.
        String stored = holder.sessionExpiresAt().getEpochSecond() + " " + holder.userId();
        redis.sendAndAwait(Request.cmd(Command.SET).arg(KEY + value).arg(stored).arg("PX").arg(ttl.toMillis()));
        return new Ticket(value, expiresAt);
    }

    @Override
    public Uni<Optional<Holder>> redeem(String ticket) {
        return redis.send(Request.cmd(Command.GETDEL).arg(KEY + ticket))
                .map(response -> response == null ? Optional.<Holder>empty() : Optional.of(holder(response.toString())));
    }

    private static Holder holder(String stored) {
        int space = stored.indexOf(' ');
        if (space < 0) {
            return new Holder(stored, Instant.MAX); // issued by a pod of the previous version (tickets live 30 s)
        }
        return new Holder(stored.substring(space + 1), Instant.ofEpochSecond(Long.parseLong(stored.substring(0, space))));
    }
}
