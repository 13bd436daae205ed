package dev.parley.auth;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;

/** Trades a bearer token for a one-time WebSocket ticket. */
@Path("/api/v1/ws-tickets")
@Authenticated
public class TicketResource {

    private final TicketStore tickets;
    private final CurrentUser currentUser;

    TicketResource(TicketStore tickets, CurrentUser currentUser) {
        this.tickets = tickets;
        this.currentUser = currentUser;
    }

    @POST
    public Response issue() {
        TicketStore.Ticket ticket = tickets.issue(currentUser.id());
        return Response.status(201).entity(new TicketView(ticket.value(), ticket.expiresAt())).build();
    }

    public record TicketView(String ticket, java.time.Instant expiresAt) {
    }
}
