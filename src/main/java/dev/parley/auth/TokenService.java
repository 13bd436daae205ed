package dev.parley.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.Claims;

import dev.parley.config.ParleyConfig;
import io.smallrye.jwt.build.Jwt;

/** Issues the signed session tokens (RS256 JWT); the subject and upn are the user id. */
@ApplicationScoped
public class TokenService {

    public record IssuedToken(String token, Instant expiresAt) {
    }

    private final JwtKeys keys;
    private final ParleyConfig config;

    TokenService(JwtKeys keys, ParleyConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public IssuedToken issue(String userId, String username) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(config.jwt().tokenTtl());
        String token = Jwt.issuer(config.jwt().issuer())
                .claim(Claims.jti.name(), UUID.randomUUID().toString()) // the session's id: log-out revokes it
                .subject(userId)
                .upn(userId)
                .preferredUserName(username)
                .groups(Set.of("user"))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .sign(keys.privateKey());
        return new IssuedToken(token, expiresAt);
    }
}
