package dev.parley.media;

import java.net.URI;

import org.junit.jupiter.api.BeforeAll;

import dev.parley.support.ClusterStack;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link ObjectStoreContract} on cluster mode's store, built with {@code new} against s3rver of the test stack. */
class S3ObjectStoreTest extends ObjectStoreContract {

    private static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        URI endpoint = URI.create(ClusterStack.get().s3Url());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("S3RVER", "S3RVER"));
        // path-style, and bodies signed whole rather than in aws-chunked frames, which s3rver cannot read
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).chunkedEncodingEnabled(false)
                .build();
        S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .serviceConfiguration(pathStyle).httpClient(UrlConnectionHttpClient.create()).build();
        S3Presigner presigner = S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).serviceConfiguration(pathStyle).build();
        store = new S3ObjectStore(s3, presigner, "contract-" + System.nanoTime());
        store.ensureBucket();
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Override
    URI base() {
        return URI.create(ClusterStack.get().s3Url());
    }
}
