package dev.parley.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/** Refuses (401) a bearer token whose session was logged out, on REST calls and socket upgrades alike. */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    private final RevokedSessions revoked;

    RevocationCheck(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getTokenID() == null) {
            return Uni.createFrom().item(identity);
        }
        return revoked.isRevoked(token.getTokenID()).map(isRevoked -> {
            if (isRevoked) {
                throw new AuthenticationFailedException("the session was logged out");
            }
            return identity;
        });
    }
}
