package dev.parley.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.parley.common.OwnerOnlyFiles;

/**
 * HMAC-SHA256 signatures of the local store's URLs, as S3 signs its presigned ones: whoever holds the URL may do
 * what it says until it expires, and nothing else. The key is generated once into the data directory, owner-only.
 */
final class UrlSignature {

    private final byte[] key;

    private UrlSignature(byte[] key) {
        this.key = key;
    }

    static UrlSignature keptIn(Path dir) {
        Path file = dir.resolve("media-url-key");
        try {
            if (!Files.exists(file)) {
                OwnerOnlyFiles.createDirectories(dir);
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(fresh));
            }
            return new UrlSignature(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the media URL key in " + dir, e);
        }
    }

    /** The signature of these fields, URL-safe. */
    String sign(String... fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(String.join("\n", fields).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** True when {@code signature} is this key's signature of the fields (compared in constant time). */
    boolean verify(String signature, String... fields) {
        return signature != null && MessageDigest.isEqual(sign(fields).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
