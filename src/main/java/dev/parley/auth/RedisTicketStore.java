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
    private static final String NO_ID = "-";

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
        // "<session end, epoch seconds> <session id or -> <user id>": user ids are opaque, so they come last, whole.
        Session session = holder.session();
        String stored = session.end().getEpochSecond() + " " + (session.id() == null ? NO_ID : session.id()) + " "
                + holder.userId();
        redis.sendAndAwait(Request.cmd(Command.SET).arg(KEY + value).arg(stored).arg("PX").arg(ttl.toMillis()));
        return new Ticket(value, expiresAt);
    }

    @Override
    public Uni<Optional<Holder>> redeem(String ticket) {
        return redis.send(Request.cmd(Command.GETDEL).arg(KEY + ticket))
                .map(response -> response == null ? Optional.<Holder>empty() : Optional.of(holder(response.toString())));
    }

    /** Also reads the values of pods of earlier versions during a rolling update (tickets live 30 s). */
    private static Holder holder(String stored) {
        String[] parts = stored.split(" ", 3);
        if (parts.length == 1) {
            return new Holder(stored, new Session(null, Instant.MAX)); // "<user id>"
        }
        Instant end = Instant.ofEpochSecond(Long.parseLong(parts[0]));
        if (parts.length == 2) {
            return new Holder(parts[1], new Session(null, end)); // "<session end> <user id>"
        }
        return new Holder(parts[2], new Session(NO_ID.equals(parts[1]) ? null : parts[1], end));
    }
}
