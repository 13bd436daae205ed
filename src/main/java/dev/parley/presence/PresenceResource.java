package dev.parley.presence;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import dev.parley.auth.CurrentUser;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import io.quarkus.security.Authenticated;

/** Bulk presence: the status of the listed users who share a channel with the caller; others are left out. */
@Path("/api/v1/presence")
@Authenticated
public class PresenceResource {

    private static final int MAX_IDS = 200;

    private final PresenceService presence;
    private final CurrentUser currentUser;

    PresenceResource(PresenceService presence, CurrentUser currentUser) {
        this.presence = presence;
        this.currentUser = currentUser;
    }

    @GET
    public List<PresenceFrame> status(@QueryParam("userIds") String userIds) {
        List<String> ids = userIds == null ? List.of()
                : Arrays.stream(userIds.split(",")).map(String::strip).filter(id -> !id.isEmpty()).distinct().toList();
        if (ids.size() > MAX_IDS) {
            throw new DomainException(ErrorCode.TOO_MANY_IDS, "At most " + MAX_IDS + " user ids.");
        }
        return presence.statusFor(currentUser.id(), ids);
    }
}
