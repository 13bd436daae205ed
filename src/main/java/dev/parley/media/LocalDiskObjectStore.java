package dev.parley.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Embedded mode's object storage: files under {@code <data dir>/media}, each with its content type beside it, read
 * and written by clients through Parley's own signed URLs ({@link LocalObjectRoutes} serves them), so the client
 * code is the same as against S3's presigned URLs.
 */
public class LocalDiskObjectStore implements ObjectStore {

    /** Where the signed URLs point: served by {@link LocalObjectRoutes}, before any body-size limit applies. */
    static final String URL_PATH = "/api/v1/media-objects/";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final String TYPE_SUFFIX = ".content-type";

    private final Path root;
    private final UrlSignature signature;
    private final Clock clock;

    LocalDiskObjectStore(Path root, UrlSignature signature, Clock clock) {
        this.root = root;
        this.signature = signature;
        this.clock = clock;
    }

    /** A signed operation on one object, as the URL's query carries it. */
    record Grant(String op, String key, long expires, long size, String contentType, String fileName, boolean inline) {

        String[] fields() {
            return new String[] { op, key, Long.toString(expires), Long.toString(size), contentType, fileName,
                    Boolean.toString(inline) };
        }
    }

    @Override
    public Upload presignUpload(String key, String contentType, long size, Duration ttl) {
        Grant grant = new Grant("put", checked(key), expiry(ttl), size, contentType, "", false);
        return new Upload("PUT", url(grant), Map.of("Content-Type", contentType));
    }

    @Override
    public URI presignDownload(String key, String contentType, String fileName, boolean inline, Duration ttl) {
        return url(new Grant("get", checked(key), expiry(ttl), 0, contentType, fileName, inline));
    }

    /** True when the URL's signature covers this grant and it has not expired. */
    boolean allows(Grant grant, String givenSignature) {
        return KEY.matcher(grant.key()).matches() && !grant.key().contains("..") && !grant.key().endsWith(TYPE_SUFFIX)
                && clock.instant().getEpochSecond() <= grant.expires() && signature.verify(givenSignature, grant.fields());
    }

    /** The file holding an object (it may not exist). */
    Path file(String key) {
        return root.resolve(checked(key));
    }

    /** The file holding an object's content type. */
    Path typeFile(String key) {
        return root.resolve(checked(key) + TYPE_SUFFIX);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try {
            return Optional.of(new ObjectInfo(Files.size(file(key)), Files.readString(typeFile(key))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        try {
            Path target = file(key);
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".put", ".tmp");
            Files.write(temporary, bytes);
            Files.writeString(typeFile(key), contentType);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void move(String from, String to) {
        try {
            Files.createDirectories(file(to).getParent());
            Files.move(typeFile(from), typeFile(to), StandardCopyOption.REPLACE_EXISTING);
            Files.move(file(from), file(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
            Files.deleteIfExists(typeFile(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void check() {
        if (!Files.isDirectory(root) && !root.toFile().mkdirs()) {
            throw new IllegalStateException("Cannot create " + root);
        }
    }

    private long expiry(Duration ttl) {
        return clock.instant().plus(ttl).getEpochSecond();
    }

    private URI url(Grant grant) {
        String query = "op=" + grant.op() + "&exp=" + grant.expires() + "&size=" + grant.size() + "&type="
                + encode(grant.contentType()) + "&name=" + encode(grant.fileName()) + "&inline=" + grant.inline()
                + "&sig=" + signature.sign(grant.fields());
        return URI.create(URL_PATH + grant.key() + "?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String checked(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("Not an object key: " + key);
        }
        return key;
    }
}
