package dev.parley.account;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import dev.parley.auth.TokenService;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;

/** Log-in: trades a username and password for a signed JWT. */
@Path("/api/v1/sessions")
public class SessionResource {

    public record LoginRequest(@NotNull String username, @NotNull String password) {
    }

    public record SessionView(String token, String userId, Instant expiresAt) {
    }

    private final AccountService accounts;
    private final TokenService tokens;

    SessionResource(AccountService accounts, TokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @POST
    public SessionView login(@Valid @NotNull LoginRequest request) {
        Account account = accounts.authenticate(request.username(), request.password())
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_CREDENTIALS, "Wrong username or password."));
        TokenService.IssuedToken token = tokens.issue(account.id, account.username);
        return new SessionView(token.token(), account.id, token.expiresAt());
    }
}
