package dev.parley.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.common.Ids;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.UniqueViolations;
import io.quarkus.narayana.jta.QuarkusTransaction;

@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final PasswordHasher hasher;

    AccountService(AccountRepository accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    public Account register(String username, String password, String displayName) {
        Account account = new Account();
        account.id = Ids.newId();
        account.username = username;
        account.displayName = displayName == null || displayName.isBlank() ? username : displayName.strip();
        account.passwordHash = hasher.hash(password); // outside the transaction: bcrypt is slow on purpose
        account.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (accounts.findByUsername(username).isPresent()) {
                    throw usernameTaken(username);
                }
                accounts.persist(account);
            });
        } catch (RuntimeException e) {
            if (UniqueViolations.lostARace(e)) {
                throw usernameTaken(username); // lost a race with another sign-up of the same name
            }
            throw e;
        }
        return account;
    }

    /** The account whose password matches, or empty; the same work is done whether or not the user exists. */
    public Optional<Account> authenticate(String username, String password) {
        Optional<Account> account = QuarkusTransaction.requiringNew().call(() -> accounts.findByUsername(username));
        if (account.isEmpty()) {
            hasher.burnDecoyComparison(password);
            return Optional.empty();
        }
        return hasher.matches(password, account.get().passwordHash) ? account : Optional.empty();
    }

    public Optional<Account> byId(String id) {
        return QuarkusTransaction.requiringNew().call(() -> accounts.findByIdOptional(id));
    }

    public Optional<Account> byUsername(String username) {
        return QuarkusTransaction.requiringNew().call(() -> accounts.findByUsername(username));
    }

    private static DomainException usernameTaken(String username) {
        return new DomainException(ErrorCode.USERNAME_TAKEN, "The username '" + username + "' is taken.");
    }
}
