package dev.parley.account;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.common.RateLimitedException;
import dev.parley.config.ParleyConfig;
import dev.parley.limits.RateLimiter;
import dev.parley.limits.RateLimiters;

/**
 * Budgets for the endpoints that cost a bcrypt hash and let an attacker guess: log-ins per client address and per
 * username, sign-ups per client address (cluster-wide in cluster mode). A refusal costs no hash. The per-username
 * budget is spent by anyone's attempts, so a username under attack is refused to its owner too while the attack
 * lasts; the per-address budget bounds each attacker's own rate.
 */
@ApplicationScoped
public class AuthLimits {

    private final RateLimiter loginsByAddress;
    private final RateLimiter loginsByUsername;
    private final RateLimiter signupsByAddress;

    AuthLimits(RateLimiters limiters, ParleyConfig config) {
        ParleyConfig.Limits limits = config.limits();
        this.loginsByAddress = limiters.create("login-address", limits.loginPerAddressBurst(),
                limits.loginPerAddressPerSecond());
        this.loginsByUsername = limiters.create("login-username", limits.loginPerUsernameBurst(),
                limits.loginPerUsernamePerSecond());
        this.signupsByAddress = limiters.create("signup-address", limits.signupPerAddressBurst(),
                limits.signupPerAddressPerSecond());
    }

    /** Before a log-in attempt: refused when its address or its username has spent its budget. */
    void checkLogin(String clientAddress, String username) {
        take(loginsByAddress, clientAddress, "Too many log-in attempts from your address.");
        take(loginsByUsername, username.strip().toLowerCase(Locale.ROOT), "Too many log-in attempts for this username.");
    }

    void checkSignup(String clientAddress) {
        take(signupsByAddress, clientAddress, "Too many sign-ups from your address.");
    }

    private static void take(RateLimiter budget, String key, String why) {
        if (!budget.tryAcquire(key)) {
            throw new RateLimitedException(why + " Try again in " + budget.secondsToNext() + " s.",
                    budget.secondsToNext());
        }
    }
}
