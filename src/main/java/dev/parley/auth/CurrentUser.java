package dev.parley.auth;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated caller of a REST request. Its name is the user id, whether it came from a JWT or a ticket. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String id() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return identity.getPrincipal().getName();
    }
}
