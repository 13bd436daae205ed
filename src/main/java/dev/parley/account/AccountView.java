package dev.parley.account;

/** An account as clients see it: never the password hash. */
@io.quarkus.runtime.annotations.RegisterForReflection // also leaves through a Response (sign-up)
public record AccountView(String id, String username, String displayName) {
    static AccountView of(Account account) {
        return new AccountView(account.id, account.username, account.displayName);
    }
}
