package dev.parley.message;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import dev.parley.auth.CurrentUser;
import io.quarkus.security.Authenticated;

/** A channel's history, paged by seq. */
@Path("/api/v1/channels/{channelId}/messages")
@Authenticated
public class MessageResource {

    private final MessageService messages;
    private final CurrentUser currentUser;

    MessageResource(MessageService messages, CurrentUser currentUser) {
        this.messages = messages;
        this.currentUser = currentUser;
    }

    @GET
    public HistoryPage page(@PathParam("channelId") String channelId, @QueryParam("afterSeq") Long afterSeq,
            @QueryParam("beforeSeq") Long beforeSeq, @QueryParam("limit") Integer limit) {
        return messages.history(currentUser.id(), channelId, afterSeq, beforeSeq, limit);
    }
}
