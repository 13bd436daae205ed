package dev.parley.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;

/** Chooses the delivery adapters for the configured mode; the others are never built. */
@ApplicationScoped
public class DeliveryPorts {

    @Produces
    @ApplicationScoped
    SessionRegistry sessionRegistry(ParleyConfig config, Instance<LocalSessionRegistry> local,
            Instance<RedisSessionRegistry> redis) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? redis.get() : local.get();
    }

    @Produces
    @ApplicationScoped
    PodLoads podLoads(ParleyConfig config, Instance<LocalPodLoads> local, Instance<RedisPodLoads> redis) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? redis.get() : local.get();
    }

    @Produces
    @ApplicationScoped
    DeliveryBroker broker(ParleyConfig config, Instance<LocalDeliveryBroker> local, Instance<KafkaDeliveryBroker> kafka) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? kafka.get() : local.get();
    }
}
