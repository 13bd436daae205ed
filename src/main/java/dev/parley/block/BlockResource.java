package dev.parley.block;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import dev.parley.auth.CurrentUser;
import io.quarkus.security.Authenticated;

/** The caller's blocks: PUT blocks a user, DELETE lifts the block, GET lists whom the caller blocks. */
@Path("/api/v1/blocks")
@Authenticated
public class BlockResource {

    private final BlockService blocks;
    private final CurrentUser currentUser;

    BlockResource(BlockService blocks, CurrentUser currentUser) {
        this.blocks = blocks;
        this.currentUser = currentUser;
    }

    @GET
    public List<BlockService.BlockView> list() {
        return blocks.blockedBy(currentUser.id());
    }

    @PUT
    @Path("/{userId}")
    public Response block(@PathParam("userId") String userId) {
        blocks.block(currentUser.id(), userId);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{userId}")
    public Response unblock(@PathParam("userId") String userId) {
        blocks.unblock(currentUser.id(), userId);
        return Response.noContent().build();
    }
}
