package dev.parley.media;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Cluster mode's object storage: one S3 bucket. Clients upload and download with presigned URLs (SigV4, signed
 * locally with the pod's credentials: no call to AWS), so no attachment byte passes through a pod except the
 * images a pod reads once to make their thumbnails.
 */
public class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = Logger.getLogger(S3ObjectStore.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    S3ObjectStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** Creates the bucket if it is missing (dev and test; Terraform creates it in production). */
    void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception missing) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
                LOG.infof("Created S3 bucket %s", bucket);
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException another) {
                check(); // another pod created it first (S3 says "owned by you", s3rver "exists"): it must answer now
            }
        }
    }

    @Override
    public Upload presignUpload(String key, String contentType, long size, Duration ttl) {
        var signed = presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(size)));
        Map<String, String> headers = new HashMap<>();
        // What the signature covers and the client must send; host and content-length its HTTP client sets itself.
        signed.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(name.equalsIgnoreCase("content-type") ? "Content-Type" : name, String.join(",", values));
            }
        });
        headers.putIfAbsent("Content-Type", contentType);
        return new Upload("PUT", toUri(signed.url()), headers);
    }

    @Override
    public URI presignDownload(String key, String contentType, String fileName, boolean inline, Duration ttl) {
        String disposition = ObjectStore.contentDisposition(fileName, inline);
        return toUri(presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(o -> o.bucket(bucket)
                .key(key).responseContentType(contentType).responseContentDisposition(disposition)
                .responseCacheControl("private, max-age=300"))).url());
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try {
            var head = s3.headObject(h -> h.bucket(bucket).key(key));
            return Optional.of(new ObjectInfo(head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public InputStream open(String key) {
        return s3.getObject(g -> g.bucket(bucket).key(key));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public void move(String from, String to) {
        s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
        s3.deleteObject(d -> d.bucket(bucket).key(from));
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(d -> d.bucket(bucket).key(key));
    }

    @Override
    public void check() {
        s3.headBucket(b -> b.bucket(bucket));
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("The presigner made an invalid URL: " + url, e);
        }
    }
}
