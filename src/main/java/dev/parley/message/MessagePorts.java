package dev.parley.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;

/** Chooses the message adapters for the configured mode; the others are never instantiated. */
@ApplicationScoped
public class MessagePorts {

    @Produces
    @ApplicationScoped
    MessageStore store(ParleyConfig config, Instance<PostgresMessageStore> postgres, Instance<DynamoMessageStore> dynamo) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? dynamo.get() : postgres.get();
    }

    @Produces
    @ApplicationScoped
    SendPipeline pipeline(ParleyConfig config, Instance<LocalSendPipeline> local, Instance<KafkaSendPipeline> kafka) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? kafka.get() : local.get();
    }
}
