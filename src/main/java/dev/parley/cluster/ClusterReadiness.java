package dev.parley.cluster;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.parley.config.ParleyConfig;
import dev.parley.message.DynamoTables;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Readiness of each backing service of cluster mode (PostgreSQL has Quarkus's own datasource check). Liveness does
 * not depend on them: a pod whose Redis is down should stop taking traffic, not be restarted.
 */
@ApplicationScoped
public class ClusterReadiness {

    private final boolean cluster;
    private final ParleyConfig config;
    private Admin admin;

    ClusterReadiness(ParleyConfig config) {
        this.config = config;
        this.cluster = config.mode() == ParleyConfig.Mode.CLUSTER;
    }

    @Produces
    @Readiness
    HealthCheck redis(Instance<Redis> redis) {
        return () -> check("Redis", () -> redis.get().send(Request.cmd(Command.PING)).await()
                .atMost(java.time.Duration.ofSeconds(3)));
    }

    @Produces
    @Readiness
    HealthCheck kafka(Instance<KafkaSettings> kafka) {
        return () -> check("Kafka", () -> admin(kafka).describeTopics(java.util.List.of(config.cluster().sendsTopic()))
                .allTopicNames().get(3, TimeUnit.SECONDS));
    }

    /** Created on the first probe and kept: a client per probe would open connections every few seconds. */
    private synchronized Admin admin(Instance<KafkaSettings> kafka) {
        if (admin == null) {
            admin = Admin.create(kafka.get().admin());
        }
        return admin;
    }

    @jakarta.annotation.PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }

    @Produces
    @Readiness
    HealthCheck dynamodb(Instance<DynamoTables> tables) {
        return () -> check("DynamoDB", () -> tables.get().describe(config.dynamodb().messagesTable()));
    }

    private HealthCheckResponse check(String name, CheckedRunnable probe) {
        if (!cluster) {
            return HealthCheckResponse.named(name).up().withData("mode", "embedded (not used)").build();
        }
        try {
            probe.run();
            return HealthCheckResponse.up(name);
        } catch (Exception e) {
            return HealthCheckResponse.named(name).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    @FunctionalInterface
    private interface CheckedRunnable {
        void run() throws Exception;
    }
}
