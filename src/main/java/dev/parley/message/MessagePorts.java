package dev.parley.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.Readiness;

import dev.parley.cluster.ServerCheck;
import dev.parley.cluster.StartupWork;
import dev.parley.config.ParleyConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.health.api.HealthRegistry;

/**
 * Chooses the message adapters for the configured mode; the others are never built. The store is also the
 * channel package's {@link dev.parley.channel.ChannelHeads}.
 */
@ApplicationScoped
public class MessagePorts {

    /**
     * Built at start: in cluster mode its tables are checked (created in dev and test) and DynamoDB joins the
     * readiness checks before the pod takes traffic, off the start path (readiness waits for it).
     */
    @Produces
    @ApplicationScoped
    @Startup
    MessageStore store(ParleyConfig config, Instance<PostgresMessageStore> postgres, Instance<DynamoMessageStore> dynamo,
            Instance<DynamoTables> tables, @Readiness HealthRegistry readiness, Instance<StartupWork> startup) {
        if (config.mode() != ParleyConfig.Mode.CLUSTER) {
            return postgres.get();
        }
        DynamoTables dynamoTables = tables.get();
        startup.get().run("DynamoDB tables", () -> {
            dynamoTables.ensureExist();
            readiness.register("DynamoDB", ServerCheck.of("DynamoDB", dynamoTables::check));
        });
        return dynamo.get();
    }

    @Produces
    @ApplicationScoped
    ChangeStore changes(ParleyConfig config, Instance<PostgresChangeStore> postgres, Instance<DynamoChangeStore> dynamo) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? dynamo.get() : postgres.get();
    }

    @Produces
    @ApplicationScoped
    SendPipeline pipeline(ParleyConfig config, Instance<LocalSendPipeline> local, Instance<KafkaSendPipeline> kafka) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? kafka.get() : local.get();
    }
}
