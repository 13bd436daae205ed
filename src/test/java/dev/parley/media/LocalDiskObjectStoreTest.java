package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.support.Uploads;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@link ObjectStoreContract} on embedded mode's store, its URLs served by the running Parley; and what only the
 * local store's own URLs must hold besides: the signed size, type, key and method are enforced, a body larger than
 * the JSON limit (4 MB) streams to disk, and an expired URL is refused.
 */
@QuarkusTest
class LocalDiskObjectStoreTest extends ObjectStoreContract {

    @Inject
    ObjectStore store;

    @TestHTTPResource("/")
    URI base;

    @Override
    ObjectStore store() {
        return store;
    }

    @Override
    URI base() {
        return base;
    }

    private LocalDiskObjectStore local() {
        return (LocalDiskObjectStore) store;
    }

    @Test
    void anUploadMustHaveTheSignedSizeAndType() {
        String key = "uploads/" + UUID.randomUUID();
        byte[] bytes = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        URI url = base.resolve(store.presignUpload(key, "text/plain", bytes.length + 1, Duration.ofMinutes(1)).url());
        assertThat(Uploads.put(url, Map.of("Content-Type", "text/plain"), bytes)).isEqualTo(400);
        URI sized = base.resolve(store.presignUpload(key, "text/plain", bytes.length, Duration.ofMinutes(1)).url());
        assertThat(Uploads.put(sized, Map.of("Content-Type", "text/html"), bytes)).isEqualTo(400);
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void anUploadLargerThanTheRequestBodyLimitStreamsToDisk() throws Exception {
        String key = "uploads/" + UUID.randomUUID();
        byte[] bytes = new byte[6 * 1024 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        URI url = base.resolve(store.presignUpload(key, "application/zip", bytes.length, Duration.ofMinutes(1)).url());
        assertThat(Uploads.put(url, Map.of("Content-Type", "application/zip"), bytes)).isEqualTo(200);
        assertThat(Files.readAllBytes(local().file(key))).isEqualTo(bytes);
        store.delete(key);
    }

    /**
     * A URL is good for its key and method only. (S3 enforces the same on its presigned URLs; s3rver, the test
     * stack's S3, checks no presigned signature, so the contract cannot ask it of every adapter.)
     */
    @Test
    void aUrlServesOnlyTheKeyAndMethodItWasSignedFor() {
        byte[] bytes = "signed".getBytes(StandardCharsets.UTF_8);
        String key = "uploads/" + UUID.randomUUID();
        URI signed = base.resolve(store.presignUpload(key, "text/plain", bytes.length, Duration.ofMinutes(1)).url());
        URI otherKey = URI.create(signed.toString().replace(key, "uploads/" + UUID.randomUUID()));
        assertThat(Uploads.put(otherKey, Map.of("Content-Type", "text/plain"), bytes)).isEqualTo(403);

        store.put(key, bytes, "text/plain");
        URI download = base.resolve(store.presignDownload(key, "text/plain", "a.txt", false, Duration.ofMinutes(1)));
        assertThat(Uploads.put(download, Map.of("Content-Type", "text/plain"), "changed".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(405);
        assertThat(Uploads.get(download).body()).isEqualTo(bytes);
    }

    @Test
    void anExpiredOrTamperedUrlIsRefused() {
        String key = "media/" + UUID.randomUUID();
        store.put(key, "x".getBytes(StandardCharsets.UTF_8), "text/plain");
        URI expired = base.resolve(store.presignDownload(key, "text/plain", "x.txt", false, Duration.ofSeconds(-1)));
        assertThat(Uploads.get(expired).statusCode()).isEqualTo(403);
        URI good = base.resolve(store.presignDownload(key, "text/plain", "x.txt", false, Duration.ofMinutes(1)));
        assertThat(Uploads.get(good).statusCode()).isEqualTo(200);
        URI otherType = URI.create(good.toString().replace("type=text%2Fplain", "type=text%2Fhtml"));
        assertThat(Uploads.get(otherType).statusCode()).isEqualTo(403);
    }
}
