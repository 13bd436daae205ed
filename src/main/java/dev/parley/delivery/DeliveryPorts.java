package dev.parley.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;

/** Chooses the delivery adapters for the configured mode. */
@ApplicationScoped
public class DeliveryPorts {

    private final boolean cluster;
    private final Instance<LocalSessionRegistry> localRegistry;
    private final Instance<RedisSessionRegistry> redisRegistry;

    DeliveryPorts(ParleyConfig config, Instance<LocalSessionRegistry> localRegistry,
            Instance<RedisSessionRegistry> redisRegistry) {
        this.cluster = config.mode() == ParleyConfig.Mode.CLUSTER;
        this.localRegistry = localRegistry;
        this.redisRegistry = redisRegistry;
    }

    public SessionRegistry sessionRegistry() {
        return cluster ? redisRegistry.get() : localRegistry.get();
    }

    @Produces
    @ApplicationScoped
    DeliveryBroker broker(Instance<LocalDeliveryBroker> local, Instance<KafkaDeliveryBroker> kafka) {
        return cluster ? kafka.get() : local.get();
    }
}
