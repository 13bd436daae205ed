package dev.parley.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import dev.parley.auth.CurrentUser;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.PlainText;
import dev.parley.limits.ClientAddress;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1")
public class AccountResource {

    public record CreateAccountRequest(
            @NotNull @Pattern(regexp = "[a-z0-9_.-]{3,32}", message = "must be 3 to 32 of a-z 0-9 _ . -") String username,
            @NotNull @Size(min = 8, max = 200, message = "must be 8 to 200 characters") String password,
            @Size(max = 100, message = "must be at most 100 characters") @PlainText String displayName) {
    }

    private final AccountService accounts;
    private final CurrentUser currentUser;
    private final AuthLimits limits;
    private final ClientAddress clientAddress;

    AccountResource(AccountService accounts, CurrentUser currentUser, AuthLimits limits, ClientAddress clientAddress) {
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.limits = limits;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("/accounts")
    public Response create(@Valid @NotNull CreateAccountRequest request, @Context HttpServerRequest http) {
        limits.checkSignup(clientAddress.of(http));
        Account account = accounts.register(request.username(), request.password(), request.displayName());
        return Response.status(201).entity(AccountView.of(account)).build();
    }

    @GET
    @Path("/me")
    @Authenticated
    public AccountView me() {
        return accounts.byId(currentUser.id()).map(AccountView::of)
                .orElseThrow(() -> new DomainException(ErrorCode.ACCOUNT_NOT_FOUND, "Your account no longer exists."));
    }

    @GET
    @Path("/users/{id}")
    @Authenticated
    public AccountView byId(@PathParam("id") String id) {
        return accounts.byId(id).map(AccountView::of)
                .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "No such user."));
    }

    @GET
    @Path("/users/by-username/{username}")
    @Authenticated
    public AccountView byUsername(@PathParam("username") String username) {
        return accounts.byUsername(username).map(AccountView::of)
                .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "No user is named '" + username + "'."));
    }
}
