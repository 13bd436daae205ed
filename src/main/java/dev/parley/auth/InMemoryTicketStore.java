package dev.parley.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.parley.config.ParleyConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Embedded adapter of {@link TicketStore}: a map in this process, swept of expired tickets every minute. */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(InMemoryTicketStore.class)
public class InMemoryTicketStore implements TicketStore {

    private record Entry(Holder holder, Instant expiresAt) {
    }

    private final Map<String, Entry> tickets = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    @Inject
    InMemoryTicketStore(ParleyConfig config) {
        this(config.tickets().ttl(), Clock.systemUTC());
    }

    InMemoryTicketStore(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Ticket issue(Holder holder) {
        String value = TicketValues.next();
        Instant expiresAt = clock.instant().plus(ttl);
        tickets.put(value, new Entry(holder, expiresAt));
        return new Ticket(value, expiresAt);
    }

    @Override
    public Uni<Optional<Holder>> redeem(String ticket) {
        Entry entry = tickets.remove(ticket);
        boolean valid = entry != null && clock.instant().isBefore(entry.expiresAt());
        return Uni.createFrom().item(valid ? Optional.of(entry.holder()) : Optional.empty());
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepExpired() {
        Instant now = clock.instant();
        tickets.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
    }
}
