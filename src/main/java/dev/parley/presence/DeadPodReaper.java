package dev.parley.presence;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;
import dev.parley.delivery.RedisSessionRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Cluster mode: takes the users of a pod that died (its heartbeat key expired) offline, unless they are connected
 * elsewhere. One pod claims each dead pod, so each user gets one offline change.
 */
@ApplicationScoped
public class DeadPodReaper {

    private static final Logger LOG = Logger.getLogger(DeadPodReaper.class);

    private final boolean cluster;
    private final Instance<RedisSessionRegistry> registry;
    private final PresenceService presence;

    DeadPodReaper(ParleyConfig config, Instance<RedisSessionRegistry> registry, PresenceService presence) {
        this.cluster = config.mode() == ParleyConfig.Mode.CLUSTER;
        this.registry = registry;
        this.presence = presence;
    }

    @Scheduled(every = "${parley.cluster.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        if (!cluster) {
            return;
        }
        try {
            List<String> users = registry.get().reapOneDeadPod();
            Instant now = Instant.now();
            for (String user : users) {
                if (!presence.isOnline(user)) {
                    presence.wentOffline(user, now);
                }
            }
            if (!users.isEmpty()) {
                LOG.infof("Took %d users of a dead pod offline", users.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("Reaping dead pods failed", e);
        }
    }
}
