package dev.parley.media;

import java.net.URI;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.parley.auth.CurrentUser;
import io.quarkus.security.Authenticated;

/**
 * Attachments over REST: completing an upload and reading an attachment (members of its channel only); slots are
 * asked of the channel ({@link UploadSlotResource}). The bytes never pass through here: they go straight to object
 * storage with signed URLs.
 */
@Path("/api/v1/attachments")
@Authenticated
public class AttachmentResource {

    private final AttachmentService attachments;
    private final CurrentUser currentUser;

    AttachmentResource(AttachmentService attachments, CurrentUser currentUser) {
        this.attachments = attachments;
        this.currentUser = currentUser;
    }

    /** A ready attachment and URLs to read it, valid until expiresAt. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record AttachmentView(Attachment attachment, String channelId, String uploaderId, URI url, URI thumbnailUrl,
            Instant expiresAt) {
    }

    /** After the upload: checks it and makes the attachment ready for a message (images get dimensions, a thumbnail). */
    @POST
    @Path("/{id}/complete")
    public Attachment complete(@PathParam("id") String id) {
        return attachments.complete(currentUser.id(), id);
    }

    @GET
    @Path("/{id}")
    public AttachmentView get(@PathParam("id") String id, @Context UriInfo uri) {
        AttachmentService.Download download = attachments.download(currentUser.id(), id);
        return new AttachmentView(download.attachment(), download.channelId(), download.uploaderId(),
                uri.getBaseUri().resolve(download.url()),
                download.thumbnailUrl() == null ? null : uri.getBaseUri().resolve(download.thumbnailUrl()),
                download.expiresAt());
    }

    /** The bytes: a redirect to a short-lived download URL (for clients that follow redirects with their token). */
    @GET
    @Path("/{id}/content")
    public Response content(@PathParam("id") String id, @Context UriInfo uri) {
        return Response.status(Response.Status.FOUND)
                .location(uri.getBaseUri().resolve(attachments.download(currentUser.id(), id).url())).build();
    }

    /** The thumbnail, likewise; 404 when the attachment has none. */
    @GET
    @Path("/{id}/thumbnail")
    public Response thumbnail(@PathParam("id") String id, @Context UriInfo uri) {
        URI thumbnail = attachments.download(currentUser.id(), id).thumbnailUrl();
        if (thumbnail == null) {
            throw new dev.parley.common.DomainException(dev.parley.common.ErrorCode.ATTACHMENT_NOT_FOUND,
                    "this attachment has no thumbnail");
        }
        return Response.status(Response.Status.FOUND).location(uri.getBaseUri().resolve(thumbnail)).build();
    }
}
