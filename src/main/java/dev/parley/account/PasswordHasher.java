package dev.parley.account;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.parley.config.ParleyConfig;

/** bcrypt; passwords past bcrypt's 72-byte limit are pre-hashed instead of silently cut. */
@ApplicationScoped
public class PasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final BCrypt.Verifyer verifier = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final int cost;
    /** Compared against when the username is unknown, so a login takes as long whether or not the user exists. */
    private final String decoyHash;

    PasswordHasher(ParleyConfig config) {
        this.cost = config.accounts().bcryptCost();
        this.decoyHash = hash("not-a-real-password");
    }

    public String hash(String password) {
        return hasher.hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return verifier.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    public void burnDecoyComparison(String password) {
        matches(password, decoyHash);
    }
}
