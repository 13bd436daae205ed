package dev.parley.message;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import dev.parley.auth.CurrentUser;
import io.quarkus.security.Authenticated;

/** A channel's history, paged by seq; edits, deletions and reactions of its messages. */
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

    /** A member reacts with an emoji (URL-encoded in the path): answers the message with its reactions. */
    @PUT
    @Path("/{seq}/reactions/{emoji}")
    public StoredMessage react(@PathParam("channelId") String channelId, @PathParam("seq") long seq,
            @PathParam("emoji") String emoji) {
        return changes.react(currentUser.id(), channelId, seq, emoji, true);
    }

    /** Takes the caller's reaction back (no reaction of theirs: nothing changes). */
    @DELETE
    @Path("/{seq}/reactions/{emoji}")
    public StoredMessage unreact(@PathParam("channelId") String channelId, @PathParam("seq") long seq,
            @PathParam("emoji") String emoji) {
        return changes.react(currentUser.id(), channelId, seq, emoji, false);
    }

    /** The author or the group's owner deletes: answers the tombstone (deleting it again changes nothing). */
    @DELETE
    @Path("/{seq}")
    public StoredMessage delete(@PathParam("channelId") String channelId, @PathParam("seq") long seq) {
        return changes.delete(currentUser.id(), channelId, seq);
    }
}
