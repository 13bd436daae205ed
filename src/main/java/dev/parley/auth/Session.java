package dev.parley.auth;

import java.time.Instant;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * A caller's session: the token it logged in with (its id, the token's {@code jti}) and when it ends (the token's
 * expiry). A socket opened with a ticket belongs to the session of the token the ticket was issued for. A socket is
 * closed when its session ends or is logged out (close code 4001), so a stolen or old token does not keep a socket
 * alive for as long as it pings.
 *
 * @param id null for a token without an id (issued before log-out existed): it cannot be logged out, only expire
 */
public record Session(String id, Instant end) {

    static final String ATTRIBUTE = "parley.session";

    public static Session of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return new Session(token.getTokenID(), Instant.ofEpochSecond(token.getExpirationTime()));
        }
        Session fromTicket = identity.getAttribute(ATTRIBUTE);
        if (fromTicket == null) {
            throw new IllegalStateException("An identity without a session: " + identity.getPrincipal());
        }
        return fromTicket;
    }
}
