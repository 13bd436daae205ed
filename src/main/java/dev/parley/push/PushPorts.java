package dev.parley.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;

/** Chooses the push adapters for the configured mode; the others are never built. */
@ApplicationScoped
public class PushPorts {

    @Produces
    @ApplicationScoped
    PushNotifier notifier(ParleyConfig config, Instance<LoggingPushNotifier> logging, Instance<SnsPushNotifier> sns) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? sns.get() : logging.get();
    }

    @Produces
    @ApplicationScoped
    PushGate gate(ParleyConfig config, Instance<LocalPushGate> local, Instance<RedisPushGate> redis) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? redis.get() : local.get();
    }
}
