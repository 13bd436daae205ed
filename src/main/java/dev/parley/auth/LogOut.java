package dev.parley.auth;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.quarkus.security.identity.SecurityIdentity;

/** Logs the caller's session out: its token is refused from now on and its sockets are closed, on every pod. */
@ApplicationScoped
public class LogOut {

    private final RevokedSessions revoked;
    private final Event<SessionRevoked> events;

    LogOut(RevokedSessions revoked, Event<SessionRevoked> events) {
        this.revoked = revoked;
        this.events = events;
    }

    /** Blocking: call from a worker thread. A token without an id cannot be revoked; it ends at its expiry. */
    public void logOut(SecurityIdentity identity) {
        Session session = Session.of(identity);
        if (session.id() == null) {
            return;
        }
        // Kept first, announced after: a socket opening meanwhile either hears the announcement or finds the revocation.
        revoked.revoke(session.id(), session.end()).await().atMost(Duration.ofSeconds(10));
        events.fire(new SessionRevoked(identity.getPrincipal().getName(), session.id()));
    }
}
