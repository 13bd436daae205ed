package dev.parley.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.parley.config.ParleyConfig;

/** Chooses the push adapters for the configured mode. */
@ApplicationScoped
public class PushPorts {

    private final boolean cluster;
    private final Instance<LoggingPushNotifier> logging;
    private final Instance<SnsPushNotifier> sns;
    private final Instance<LocalPushGate> localGate;
    private final Instance<RedisPushGate> redisGate;

    PushPorts(ParleyConfig config, Instance<LoggingPushNotifier> logging, Instance<SnsPushNotifier> sns,
            Instance<LocalPushGate> localGate, Instance<RedisPushGate> redisGate) {
        this.cluster = config.mode() == ParleyConfig.Mode.CLUSTER;
        this.logging = logging;
        this.sns = sns;
        this.localGate = localGate;
        this.redisGate = redisGate;
    }

    public PushNotifier notifier() {
        return cluster ? sns.get() : logging.get();
    }

    public PushGate gate() {
        return cluster ? redisGate.get() : localGate.get();
    }
}
