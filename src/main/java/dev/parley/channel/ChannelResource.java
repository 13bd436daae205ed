package dev.parley.channel;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import dev.parley.auth.CurrentUser;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.PlainText;
import io.quarkus.security.Authenticated;

@Path("/api/v1/channels")
@Authenticated
public class ChannelResource {

    public record CreateChannelRequest(
            @NotNull @Pattern(regexp = "direct|group", message = "must be direct or group") String type,
            @Size(min = 1, max = 100, message = "must be 1 to 100 characters") @PlainText String name,
            @NotNull List<@NotBlank String> memberIds) {
    }

    public record AddMemberRequest(@NotBlank String userId) {
    }

    public record MuteRequest(@NotNull Boolean muted) {
    }

    private final ChannelService channels;
    private final CurrentUser currentUser;

    ChannelResource(ChannelService channels, CurrentUser currentUser) {
        this.channels = channels;
        this.currentUser = currentUser;
    }

    /** 201 with a new channel; 200 with the existing one when the pair already has a direct channel. */
    @POST
    public Response create(@Valid @NotNull CreateChannelRequest request) {
        if (Channel.DIRECT.equals(request.type())) {
            ChannelService.DirectChannel direct = channels.openDirect(currentUser.id(), request.memberIds());
            return Response.status(direct.created() ? 201 : 200).entity(direct.view()).build();
        }
        if (request.name() == null || request.name().isBlank()) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "A group needs a name.");
        }
        return Response.status(201).entity(channels.createGroup(currentUser.id(), request.name(), request.memberIds()))
                .build();
    }

    @GET
    public List<ChannelView> list() {
        return channels.list(currentUser.id());
    }

    @GET
    @Path("/{channelId}")
    public ChannelView get(@PathParam("channelId") String channelId) {
        return channels.get(currentUser.id(), channelId);
    }

    @POST
    @Path("/{channelId}/members")
    public ChannelView addMember(@PathParam("channelId") String channelId, @Valid @NotNull AddMemberRequest request) {
        return channels.addMember(currentUser.id(), channelId, request.userId());
    }

    @jakarta.ws.rs.PUT
    @Path("/{channelId}/mute")
    public ChannelView mute(@PathParam("channelId") String channelId, @Valid @NotNull MuteRequest request) {
        return channels.setMuted(currentUser.id(), channelId, request.muted());
    }

    @DELETE
    @Path("/{channelId}/members/{userId}")
    public Response removeMember(@PathParam("channelId") String channelId, @PathParam("userId") String userId) {
        channels.removeMember(currentUser.id(), channelId, userId);
        return Response.noContent().build();
    }
}
