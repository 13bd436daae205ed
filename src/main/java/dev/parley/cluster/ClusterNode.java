package dev.parley.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The one cluster-only component: in cluster mode it brings the pod into the cluster at start (topics, heartbeat,
 * readiness of Redis and Kafka, the inbox and the request server, handed the handlers the features registered as
 * beans) and out of it at shutdown; it reaps dead pods. In embedded mode it does nothing, and nothing of the
 * cluster package is ever built. This is the only class besides the port producers that reads the mode.
 */
@ApplicationScoped
public class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class);

    private final ParleyConfig config;
    private final Instance<KafkaSettings> kafka;
    private final Instance<KafkaTopics> topics;
    private final Instance<PodIdentity> pod;
    private final Instance<PodDirectory> directory;
    private final Instance<PodBus> bus;
    private final Instance<Redis> redis;
    private final Instance<RequestHandler> requestHandler;
    private final Instance<InboxHandler> inboxHandlers;
    private final MeterRegistry metrics;
    private final Event<PodDied> podDied;
    private final Event<PodLeaving> podLeaving;
    private final Event<PodForgotten> podForgotten;
    private final HealthRegistry readiness;
    private final Instance<StartupWork> startup;
    private ScheduledExecutorService heartbeat;
    private volatile PodInbox inbox;
    private volatile RequestServer requests;
    private Admin admin;

    // Instances: none of these is built in embedded mode (the Redis client is not even configured there).
    ClusterNode(ParleyConfig config, Instance<KafkaSettings> kafka, Instance<KafkaTopics> topics, Instance<PodIdentity> pod,
            Instance<PodDirectory> directory, Instance<PodBus> bus, Instance<Redis> redis,
            Instance<RequestHandler> requestHandler, @Any Instance<InboxHandler> inboxHandlers, MeterRegistry metrics,
            Event<PodDied> podDied, Event<PodLeaving> podLeaving, Event<PodForgotten> podForgotten,
            @Readiness HealthRegistry readiness, Instance<StartupWork> startup) {
        this.startup = startup;
        this.podForgotten = podForgotten;
        this.config = config;
        this.kafka = kafka;
        this.topics = topics;
        this.pod = pod;
        this.directory = directory;
        this.bus = bus;
        this.redis = redis;
        this.requestHandler = requestHandler;
        this.inboxHandlers = inboxHandlers;
        this.metrics = metrics;
        this.podDied = podDied;
        this.podLeaving = podLeaving;
        this.readiness = readiness;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() != ParleyConfig.Mode.CLUSTER) {
            return;
        }
        startup.get().run("Joining the cluster", this::join);
    }

    /** Off the start path (see {@link StartupWork}): readiness is down until the pod has joined. */
    private void join() {
        topics.get().ensureExist();
        bus.get().loadTopics();
        registerReadiness();
        directory.get().heartbeat();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "parley-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.cluster().heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(() -> beatAndReap(directory.get()), every, every, TimeUnit.MILLISECONDS);
        inbox = new PodInbox(kafka.get(), pod.get(), config.cluster().deliveriesTopic(), bus.get(), inboxHandlers(), metrics);
        requests = new RequestServer(kafka.get(), pod.get(), config.cluster(), bus.get(), requestHandler.get(), metrics);
        LOG.infof("Joined the cluster as pod %s", pod.get().incarnation());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (config.mode() == ParleyConfig.Mode.CLUSTER) {
            startup.get().awaitSettled(Duration.ofSeconds(30)); // a pod half joined leaves as one that joined
        }
        if (requests == null) {
            return; // never joined
        }
        requests.stop();
        heartbeat.shutdownNow();
        try {
            podLeaving.fire(new PodLeaving(directory.get().incarnation()));
            directory.get().leave();
        } catch (RuntimeException e) {
            LOG.warn("Could not remove this pod from Redis; its entries expire on their own", e);
        }
        inbox.stop();
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private Map<String, InboxHandler> inboxHandlers() {
        Map<String, InboxHandler> byKind = new HashMap<>();
        for (InboxHandler handler : inboxHandlers) {
            if (byKind.put(handler.kind(), handler) != null) {
                throw new IllegalStateException("Two inbox handlers for the kind " + handler.kind());
            }
        }
        return byKind;
    }

    private void beatAndReap(PodDirectory directory) {
        try {
            if (directory.heartbeat()) {
                LOG.warnf("Redis had forgotten pod %s (restarted, failed over, or reaped it): writing what it holds again",
                        directory.incarnation());
                podForgotten.fireAsync(new PodForgotten(directory.incarnation()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat to Redis failed", e);
            return;
        }
        try {
            directory.claimDeadPod().ifPresent(dead -> {
                podDied.fire(new PodDied(dead));
                directory.forget(dead);
                LOG.infof("Cleaned up after dead pod %s", dead);
            });
        } catch (RuntimeException e) {
            LOG.warn("Reaping dead pods failed", e);
        }
    }

    private static void requireHealthy(PollLoop loop) {
        if (loop == null || !loop.healthy()) {
            throw new IllegalStateException((loop == null ? "not started" : loop.name() + " stopped, or stuck for "
                    + PollLoop.STALLED_AFTER.toSeconds() + " s"));
        }
    }

    /** Liveness depends on none of the servers: a pod whose Redis is down should stop taking traffic, not restart. */
    private void registerReadiness() {
        Redis client = redis.get();
        admin = Admin.create(kafka.get().admin()); // kept: a client per probe would open connections every few seconds
        readiness.register("Redis", ServerCheck.of("Redis",
                () -> client.send(Request.cmd(Command.PING)).await().atMost(Duration.ofSeconds(3))));
        readiness.register("Kafka", ServerCheck.of("Kafka",
                () -> admin.describeTopics(List.of(config.cluster().sendsTopic())).allTopicNames().get(3, TimeUnit.SECONDS)));
        // A pod whose sequencer or inbox loop died or hangs must not take sockets: its sends or frames go nowhere.
        readiness.register("Sequencer loop", ServerCheck.of("Sequencer loop", () -> requireHealthy(
                requests == null ? null : requests.loop())));
        readiness.register("Inbox loop", ServerCheck.of("Inbox loop", () -> requireHealthy(inbox == null ? null : inbox.loop())));
    }
}
