package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.parley.support.Uploads;

/**
 * What every {@link ObjectStore} adapter must do, run against each of them (the local disk served by Parley, S3 on
 * s3rver): clients move bytes through the signed URLs, and the server heads, reads, moves and deletes them.
 */
abstract class ObjectStoreContract {

    /** The adapter under test. */
    abstract ObjectStore store();

    /** What relative URLs of the store resolve against (Parley's base URL for the local store). */
    abstract URI base();

    private static final Duration TTL = Duration.ofMinutes(5);

    private String key(String prefix) {
        return prefix + "/" + UUID.randomUUID();
    }

    private int upload(String key, String type, byte[] bytes, Map<String, String> override) {
        ObjectStore.Upload upload = store().presignUpload(key, type, bytes.length, TTL);
        assertThat(upload.method()).isEqualTo("PUT");
        Map<String, String> headers = new HashMap<>(upload.headers());
        headers.putAll(override);
        return Uploads.put(base().resolve(upload.url()), headers, bytes);
    }

    @Test
    void bytesPutThroughASignedUrlAreThereToHeadOpenMoveAndDelete() throws IOException {
        byte[] bytes = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
        String key = key("uploads");
        assertThat(store().head(key)).isEmpty();
        assertThat(upload(key, "text/plain", bytes, Map.of())).isEqualTo(200);

        assertThat(store().head(key)).contains(new ObjectStore.ObjectInfo(bytes.length, "text/plain"));
        try (InputStream in = store().open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        String moved = key("media");
        store().move(key, moved);
        assertThat(store().head(key)).isEmpty();
        assertThat(store().head(moved)).map(ObjectStore.ObjectInfo::size).contains((long) bytes.length);

        store().delete(moved);
        assertThat(store().head(moved)).isEmpty();
        store().delete(moved); // nothing there: not an error
    }

    @Test
    void aSignedDownloadUrlServesTheBytesWithTheirTypeAndName() {
        byte[] bytes = Uploads.png(8, 8);
        String key = key("media");
        store().put(key, bytes, "image/png");

        HttpResponse<byte[]> inline = Uploads.get(base().resolve(store().presignDownload(key, "image/png", "cat.png",
                true, TTL)));
        assertThat(inline.statusCode()).isEqualTo(200);
        assertThat(inline.body()).isEqualTo(bytes);
        assertThat(inline.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(inline.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("inline").contains("cat.png"));

        HttpResponse<byte[]> attached = Uploads.get(base().resolve(store().presignDownload(key, "image/png",
                "résumé 1.png", false, TTL)));
        assertThat(attached.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment").contains("r%C3%A9sum%C3%A9%201.png"));
    }

    @Test
    void aDownloadOfNothingIsNotFound() {
        URI missing = base().resolve(store().presignDownload(key("media"), "text/plain", "gone.txt", false, TTL));
        assertThat(Uploads.get(missing).statusCode()).isEqualTo(404);
    }
}
