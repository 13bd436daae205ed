package dev.parley.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import io.smallrye.mutiny.Uni;

/** Embedded adapter of {@link RevokedSessions}: this process is the only one that could accept the token. */
@ApplicationScoped
@Typed(InMemoryRevokedSessions.class)
public class InMemoryRevokedSessions implements RevokedSessions {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    @Override
    public Uni<Void> revoke(String sessionId, Instant tokenExpiresAt) {
        Instant now = Instant.now();
        revoked.values().removeIf(end -> !end.isAfter(now)); // expired tokens are refused anyway
        revoked.put(sessionId, tokenExpiresAt);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Boolean> isRevoked(String sessionId) {
        return Uni.createFrom().item(revoked.containsKey(sessionId));
    }
}
