package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.parley.support.Waits;

/** What every {@link TicketStore} adapter must do; run against each adapter. */
public abstract class TicketStoreContract {

    /** A store whose tickets live for the given time. */
    protected abstract TicketStore store(Duration ttl);

    @Test
    void aTicketIsRedeemedOnceForItsUser() {
        TicketStore store = store(Duration.ofSeconds(30));
        TicketStore.Ticket ticket = store.issue(holder("user-1"));
        assertThat(ticket.value()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(ticket.expiresAt()).isAfter(Instant.now());
        assertThat(redeem(store, ticket.value())).contains(holder("user-1"));
        assertThat(redeem(store, ticket.value())).isEmpty();
    }

    @Test
    void ticketsAreUnguessableAndIndependent() {
        TicketStore store = store(Duration.ofSeconds(30));
        TicketStore.Ticket a = store.issue(holder("user-a"));
        TicketStore.Ticket b = store.issue(holder("user-b"));
        assertThat(a.value()).isNotEqualTo(b.value());
        assertThat(redeem(store, "made-up")).isEmpty();
        assertThat(redeem(store, b.value())).contains(holder("user-b"));
        assertThat(redeem(store, a.value())).contains(holder("user-a"));
    }

    @Test
    void aTicketCarriesItsHoldersSessionAndAnyUserIdWhole() {
        TicketStore store = store(Duration.ofSeconds(30));
        TicketStore.Holder odd = new TicketStore.Holder("id with spaces 7", new Session("s-9", SESSION_END.plusSeconds(1)));
        assertThat(redeem(store, store.issue(odd).value())).contains(odd);
        TicketStore.Holder noSessionId = new TicketStore.Holder("user-8", new Session(null, SESSION_END));
        assertThat(redeem(store, store.issue(noSessionId).value())).contains(noSessionId);
    }

    @Test
    void anExpiredTicketIsRefused() {
        TicketStore store = store(Duration.ofMillis(200));
        TicketStore.Ticket ticket = store.issue(holder("user-1"));
        Waits.until(() -> Instant.now().isAfter(ticket.expiresAt().plusMillis(50)), "the ticket to expire");
        assertThat(redeem(store, ticket.value())).isEmpty();
    }

    /** Whole seconds: that is what a token's expiry holds. */
    private static final Instant SESSION_END = Instant.now().plus(Duration.ofHours(12)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static TicketStore.Holder holder(String userId) {
        return new TicketStore.Holder(userId, new Session("session-of-" + userId, SESSION_END));
    }

    private static Optional<TicketStore.Holder> redeem(TicketStore store, String ticket) {
        return store.redeem(ticket).await().atMost(Duration.ofSeconds(10));
    }
}
