package dev.parley.auth;

import java.time.Instant;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * When a caller's session ends: its token's expiry, or, for a socket opened with a ticket, the expiry of the token
 * the ticket was issued for. A socket is closed then (close code 4001), so a stolen or old token does not keep a
 * socket alive for as long as it pings.
 */
public final class SessionEnd {

    static final String ATTRIBUTE = "parley.sessionExpiresAt";

    private SessionEnd() {
    }

    public static Instant of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return Instant.ofEpochSecond(token.getExpirationTime());
        }
        Instant fromTicket = identity.getAttribute(ATTRIBUTE);
        if (fromTicket == null) {
            throw new IllegalStateException("An identity without a session end: " + identity.getPrincipal());
        }
        return fromTicket;
    }
}
