package dev.parley.auth;

import java.time.Instant;

import io.smallrye.mutiny.Uni;

/**
 * Port: the sessions logged out before their token expired. A token of one is refused everywhere (REST, ticket,
 * socket upgrade). Each is kept until its token would have expired anyway, so the list stays as small as the
 * log-outs of one token lifetime. Embedded: in memory. Cluster: Redis, so every pod refuses it at once. Never blocks.
 */
public interface RevokedSessions {

    Uni<Void> revoke(String sessionId, Instant tokenExpiresAt);

    Uni<Boolean> isRevoked(String sessionId);
}
