package dev.parley.media;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where attachment bytes live; clients move them to and from it directly, through URLs this port signs. Embedded:
 * {@link LocalDiskObjectStore} (files under the data directory, served by Parley itself); cluster:
 * {@link S3ObjectStore}. Keys are paths of [A-Za-z0-9._-] segments. Blocking calls: worker threads only.
 */
public interface ObjectStore {

    /** A URL the client sends the bytes to with {@code method} and {@code headers}; valid for {@code ttl}. */
    record Upload(String method, URI url, Map<String, String> headers) {
    }

    /** What storage holds under a key. */
    record ObjectInfo(long size, String contentType) {
    }

    /**
     * An upload of exactly {@code size} bytes of {@code contentType} to {@code key}. The URL may be relative to
     * Parley's own base URL (the local store serves it itself).
     */
    Upload presignUpload(String key, String contentType, long size, Duration ttl);

    /**
     * A URL that reads the object, answered with this content type and as {@code fileName}: shown in place when
     * {@code inline}, else offered as a download. Relative to Parley's base URL where the store is Parley itself.
     */
    URI presignDownload(String key, String contentType, String fileName, boolean inline, Duration ttl);

    Optional<ObjectInfo> head(String key);

    /** The object's bytes as a stream, for the caller to close (it checked the size with {@link #head} first). */
    InputStream open(String key);

    void put(String key, byte[] bytes, String contentType);

    /** Moves an object to another key (a server-side copy and a delete in S3). */
    void move(String from, String to);

    /** Deletes the object; nothing there is not an error. */
    void delete(String key);

    /** Throws unless storage answers (the readiness check). */
    void check();

    /** The Content-Disposition a download URL answers with: shown in place, or a download named after the file. */
    static String contentDisposition(String fileName, boolean inline) {
        return (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
