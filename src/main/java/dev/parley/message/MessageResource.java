package dev.parley.message;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import dev.parley.auth.CurrentUser;
import io.quarkus.security.Authenticated;

/** A channel's history, paged by seq; edits and deletions of its messages. */
@Path("/api/v1/channels/{channelId}/messages")
@Authenticated
public class MessageResource {

    private final MessageService messages;
    private final MessageChangeService changes;
    private final CurrentUser currentUser;

    MessageResource(MessageService messages, MessageChangeService changes, CurrentUser currentUser) {
        this.messages = messages;
        this.changes = changes;
        this.currentUser = currentUser;
    }

    public record EditRequest(@NotNull String text) {
    }

    @GET
    public HistoryPage page(@PathParam("channelId") String channelId, @QueryParam("afterSeq") Long afterSeq,
            @QueryParam("beforeSeq") Long beforeSeq, @QueryParam("limit") Integer limit) {
        return messages.history(currentUser.id(), channelId, afterSeq, beforeSeq, limit);
    }

    /** The author edits: answers the message as it now stands (an edit to the same text changes nothing). */
    @PATCH
    @Path("/{seq}")
    public StoredMessage edit(@PathParam("channelId") String channelId, @PathParam("seq") long seq,
            @Valid @NotNull EditRequest request) {
        return changes.edit(currentUser.id(), channelId, seq, request.text());
    }

    /** The author or the group's owner deletes: answers the tombstone (deleting it again changes nothing). */
    @DELETE
    @Path("/{seq}")
    public StoredMessage delete(@PathParam("channelId") String channelId, @PathParam("seq") long seq) {
        return changes.delete(currentUser.id(), channelId, seq);
    }
}
