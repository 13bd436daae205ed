package dev.parley.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.config.ParleyConfig;

/** The key pair a single node generates: owner-only from the start, nothing half-written left, kept across starts. */
class JwtKeysTest {

    private static final ParleyConfig.Jwt NONE_CONFIGURED = new ParleyConfig.Jwt() {
        public String issuer() {
            return "parley";
        }

        public Duration tokenTtl() {
            return Duration.ofHours(12);
        }

        public Optional<String> privateKey() {
            return Optional.empty();
        }

        public Optional<String> publicKey() {
            return Optional.empty();
        }
    };

    @TempDir
    Path dataDir;

    @Test
    void generatedKeysAreReadableByTheirOwnerOnlyAndKeptForTheNextStart() throws IOException {
        Path keys = dataDir.resolve("keys");
        JwtKeys first = JwtKeys.configuredOrKeptIn(NONE_CONFIGURED, keys);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("jwt-private.pem"))));
        try (var files = Files.list(keys)) {
            assertEquals(List.of("jwt-private.pem", "jwt-public.pem"),
                    files.map(file -> file.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
        JwtKeys again = JwtKeys.configuredOrKeptIn(NONE_CONFIGURED, keys);
        assertArrayEquals(first.privateKey().getEncoded(), again.privateKey().getEncoded());
    }
}
