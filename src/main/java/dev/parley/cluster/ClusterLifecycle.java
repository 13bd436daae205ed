package dev.parley.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;
import dev.parley.delivery.LocalConnections;
import dev.parley.delivery.PodInbox;
import dev.parley.delivery.RedisSessionRegistry;
import dev.parley.message.ChannelSequencer;
import dev.parley.message.DynamoTables;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Brings a pod into the cluster at start (topics, tables, heartbeat, its inbox, its share of the channels) and out of
 * it at shutdown. Nothing here runs in embedded mode.
 */
@ApplicationScoped
public class ClusterLifecycle {

    private static final Logger LOG = Logger.getLogger(ClusterLifecycle.class);

    private final ParleyConfig config;
    private final Instance<KafkaTopics> topics;
    private final Instance<DynamoTables> tables;
    private final Instance<RedisSessionRegistry> registry;
    private final Instance<PodInbox> inbox;
    private final Instance<ChannelSequencer> sequencer;
    private final Instance<PodIdentity> pod;
    private final LocalConnections connections;
    private ScheduledExecutorService heartbeat;

    ClusterLifecycle(ParleyConfig config, Instance<KafkaTopics> topics, Instance<DynamoTables> tables,
            Instance<RedisSessionRegistry> registry, Instance<PodInbox> inbox, Instance<ChannelSequencer> sequencer,
            Instance<PodIdentity> pod, LocalConnections connections) {
        this.config = config;
        this.topics = topics;
        this.tables = tables;
        this.registry = registry;
        this.inbox = inbox;
        this.sequencer = sequencer;
        this.pod = pod;
        this.connections = connections;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() != ParleyConfig.Mode.CLUSTER) {
            return;
        }
        topics.get().ensureExist();
        tables.get().ensureExist();
        registry.get().heartbeat();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "parley-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.cluster().heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        inbox.get().start();
        sequencer.get().start();
        LOG.infof("Joined the cluster as pod %s", pod.get().incarnation());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (config.mode() != ParleyConfig.Mode.CLUSTER) {
            return;
        }
        sequencer.get().stop();
        heartbeat.shutdownNow();
        try {
            registry.get().leave(connections.users());
        } catch (RuntimeException e) {
            LOG.warn("Could not remove this pod's sessions from Redis; they expire on their own", e);
        }
        inbox.get().stop();
    }

    private void beat() {
        try {
            registry.get().heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat to Redis failed", e);
        }
    }
}
