package dev.parley.support;

import java.net.URI;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Hands a plain JUnit test clients of the real servers in {@link ClusterStack} (started on first use), so a cluster
 * adapter's test builds the adapter with {@code new}, no application around it. Resolves constructor and method
 * parameters of type {@link Redis}, {@link DynamoDbClient} and {@link DynamoDbAsyncClient}; one client of each per
 * JVM.
 */
public final class ClusterServers implements ParameterResolver {

    private static Redis redis;
    private static DynamoDbClient dynamo;
    private static DynamoDbAsyncClient dynamoAsync;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Redis.class || type == DynamoDbClient.class || type == DynamoDbAsyncClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Redis.class ? redis() : type == DynamoDbClient.class ? dynamo() : dynamoAsync();
    }

    public static synchronized Redis redis() {
        if (redis == null) {
            redis = Redis.createClient(Vertx.vertx(), "redis://127.0.0.1:" + ClusterStack.get().redisPort());
        }
        return redis;
    }

    public static synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = ofTheStack(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        }
        return dynamo;
    }

    public static synchronized DynamoDbAsyncClient dynamoAsync() {
        if (dynamoAsync == null) {
            dynamoAsync = ofTheStack(DynamoDbAsyncClient.builder()).httpClient(NettyNioAsyncHttpClient.create()).build();
        }
        return dynamoAsync;
    }

    /** dynalite of the stack: its address, any region, any credentials. */
    private static <B extends AwsClientBuilder<B, ?>> B ofTheStack(B builder) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:" + ClusterStack.get().dynamoPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }
}
