package dev.parley.auth;

import java.time.Instant;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Port: short-lived, single-use tickets that let a browser (which cannot set headers on a WebSocket) open a socket
 * without putting its JWT in a URL. Embedded: in memory. Cluster: shared, so a ticket from one pod works on another.
 */
public interface TicketStore {

    record Ticket(String value, Instant expiresAt) {
    }

    /** Whose ticket it is, and the session (the token it was issued for): the socket ends with it. */
    record Holder(String userId, Session session) {
    }

    Ticket issue(Holder holder);

    /** The ticket's holder, once: a second redemption, or one after expiry, finds nothing. */
    Uni<Optional<Holder>> redeem(String ticket);
}
