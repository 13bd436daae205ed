package dev.parley.auth;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** Trades a bearer token for a one-time WebSocket ticket. */
@Path("/api/v1/ws-tickets")
@Authenticated
public class TicketResource {

    private final TicketStore tickets;
    private final CurrentUser currentUser;
    private final SecurityIdentity identity;

    TicketResource(TicketStore tickets, CurrentUser currentUser, SecurityIdentity identity) {
        this.tickets = tickets;
        this.currentUser = currentUser;
        this.identity = identity;
    }

    @POST
    public Response issue() {
        TicketStore.Ticket ticket = tickets.issue(new TicketStore.Holder(currentUser.id(), Session.of(identity)));
        return Response.status(201).entity(new TicketView(ticket.value(), ticket.expiresAt())).build();
    }

    /** Registered: it leaves through a Response, which the native build's analysis cannot see into. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record TicketView(String ticket, java.time.Instant expiresAt) {
    }
}
