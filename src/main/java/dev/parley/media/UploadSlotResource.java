package dev.parley.media;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.parley.auth.CurrentUser;
import io.quarkus.security.Authenticated;

/** A member asks the channel for an upload slot: where to PUT the bytes, and the attachment they will become. */
@Path("/api/v1/channels/{channelId}/attachments")
@Authenticated
public class UploadSlotResource {

    private final AttachmentService attachments;
    private final CurrentUser currentUser;

    UploadSlotResource(AttachmentService attachments, CurrentUser currentUser) {
        this.attachments = attachments;
        this.currentUser = currentUser;
    }

    public record SlotRequest(@NotNull String name, @NotNull String contentType, @NotNull Long size) {
    }

    /** Where and how to upload: PUT the bytes to {@code uploadUrl} with {@code uploadHeaders}, before expiresAt. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record SlotView(Attachment attachment, String uploadMethod, URI uploadUrl, Map<String, String> uploadHeaders,
            Instant expiresAt) {
    }

    @POST
    public Response createSlot(@PathParam("channelId") String channelId, @Valid @NotNull SlotRequest request,
            @Context UriInfo uri) {
        AttachmentService.Slot slot = attachments.createSlot(currentUser.id(), channelId, request.name(),
                request.contentType(), request.size());
        SlotView view = new SlotView(slot.attachment(), slot.upload().method(),
                uri.getBaseUri().resolve(slot.upload().url()), slot.upload().headers(), slot.expiresAt());
        return Response.status(Response.Status.CREATED).entity(view).build();
    }
}
