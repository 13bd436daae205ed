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

    TicketAuthenticationMechanism(TicketStore tickets) {
        this.tickets = tickets;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String ticket = context.request().getParam("ticket");
        if (ticket == null || !WS_PATH.equals(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        return tickets.redeem(ticket).map(holder -> holder
                .<SecurityIdentity>map(found -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(found.userId()))
                        .addRole("user")
                        .addAttribute(SessionEnd.ATTRIBUTE, found.sessionExpiresAt())
                        .build())
                .orElse(null));
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
