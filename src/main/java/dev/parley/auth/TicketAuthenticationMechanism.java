package dev.parley.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a WebSocket upgrade carrying {@code ?ticket=...}. Requests without a ticket are left to the bearer
 * token mechanism.
 */
@ApplicationScoped
public class TicketAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String WS_PATH = "/api/v1/ws";

    private final TicketStore tickets;
    private final RevokedSessions revokedSessions;

    TicketAuthenticationMechanism(TicketStore tickets, RevokedSessions revokedSessions) {
        this.tickets = tickets;
        this.revokedSessions = revokedSessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String ticket = context.request().getParam("ticket");
        if (ticket == null || !WS_PATH.equals(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        return tickets.redeem(ticket).flatMap(holder -> {
            if (holder.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            Session session = holder.get().session();
            // A ticket issued before its session was logged out opens nothing.
            Uni<Boolean> revoked = session.id() == null ? Uni.createFrom().item(false) : revokedSessions.isRevoked(session.id());
            return revoked.map(isRevoked -> isRevoked ? null : QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(holder.get().userId()))
                    .addRole("user")
                    .addAttribute(Session.ATTRIBUTE, session)
                    .build());
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
