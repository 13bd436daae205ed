package dev.parley.account;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import dev.parley.auth.LogOut;
import dev.parley.auth.TokenService;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.limits.ClientAddress;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** Log-in trades a username and password for a signed JWT; log-out ends that token's session everywhere. */
@Path("/api/v1/sessions")
public class SessionResource {

    public record LoginRequest(@NotNull String username, @NotNull String password) {
    }

    public record SessionView(String token, String userId, Instant expiresAt) {
    }

    private final AccountService accounts;
    private final LogOut logOut;
    private final SecurityIdentity identity;
    private final TokenService tokens;
    private final AuthLimits limits;
    private final ClientAddress clientAddress;

    SessionResource(AccountService accounts, TokenService tokens, AuthLimits limits, ClientAddress clientAddress,
            LogOut logOut, SecurityIdentity identity) {
        this.logOut = logOut;
        this.identity = identity;
        this.accounts = accounts;
        this.tokens = tokens;
        this.limits = limits;
        this.clientAddress = clientAddress;
    }

    @POST
    public SessionView login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        limits.checkLogin(clientAddress.of(http), request.username());
        Account account = accounts.authenticate(request.username(), request.password())
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_CREDENTIALS, "Wrong username or password."));
        TokenService.IssuedToken token = tokens.issue(account.id, account.username);
        return new SessionView(token.token(), account.id, token.expiresAt());
    }

    /** The caller's token is refused from now on and the sockets opened with it (or its tickets) close with 4001. */
    @DELETE
    @Path("/current")
    @Authenticated
    public Response logOut() {
        logOut.logOut(identity);
        return Response.noContent().build();
    }
}
