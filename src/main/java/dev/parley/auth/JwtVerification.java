package dev.parley.auth;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** Tells smallrye-jwt to verify bearer tokens with Parley's own public key, which may be generated at run time. */
public class JwtVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo authContextInfo(JwtKeys keys, ParleyConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.publicKey(), config.jwt().issuer());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        return info;
    }
}
