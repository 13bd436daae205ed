package dev.parley.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.parley.common.OwnerOnlyFiles;
import dev.parley.config.ParleyConfig;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA key pair that signs and verifies session tokens. Configured keys win (a cluster shares one pair through a
 * Secret); a single node without configured keys generates a pair once and keeps it in its data directory, so tokens
 * stay valid across restarts. Which of the two applies is {@link AuthPorts}' choice.
 */
public final class JwtKeys {

    private static final Logger LOG = Logger.getLogger(JwtKeys.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private JwtKeys(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    /** The configured pair; without one, refuses to start (every pod must sign with the same key). */
    static JwtKeys configured(ParleyConfig.Jwt config) {
        return fromConfig(config).orElseThrow(() -> new IllegalStateException(
                "Cluster mode needs PARLEY_JWT_PRIVATE_KEY and PARLEY_JWT_PUBLIC_KEY (PEM) shared by every pod"));
    }

    /** The configured pair, else the one kept in (or first generated into) {@code dir}. */
    static JwtKeys configuredOrKeptIn(ParleyConfig.Jwt config, Path dir) {
        Optional<JwtKeys> configured = fromConfig(config);
        if (configured.isPresent()) {
            return configured.get();
        }
        try {
            return new JwtKeys(loadOrCreate(dir));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JWT keys in " + dir + " cannot be read", e);
        }
    }

    private static Optional<JwtKeys> fromConfig(ParleyConfig.Jwt config) {
        Optional<String> privatePem = config.privateKey();
        Optional<String> publicPem = config.publicKey();
        if (privatePem.isEmpty() || publicPem.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JwtKeys(new KeyPair(KeyUtils.decodePublicKey(publicPem.get()),
                    KeyUtils.decodePrivateKey(privatePem.get()))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The configured JWT keys cannot be read", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    private static KeyPair loadOrCreate(Path dir) throws GeneralSecurityException {
        Path privateFile = dir.resolve("jwt-private.pem");
        Path publicFile = dir.resolve("jwt-public.pem");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                return new KeyPair(KeyUtils.decodePublicKey(Files.readString(publicFile)),
                        KeyUtils.decodePrivateKey(Files.readString(privateFile)));
            }
            KeyPair pair = KeyUtils.generateKeyPair(2048);
            OwnerOnlyFiles.createDirectories(dir);
            OwnerOnlyFiles.write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            OwnerOnlyFiles.write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            LOG.infof("Generated a JWT signing key pair in %s", dir.toAbsolutePath());
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep JWT keys in " + dir, e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
