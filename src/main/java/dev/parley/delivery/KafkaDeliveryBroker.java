package dev.parley.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.BusTracing;
import dev.parley.cluster.InboxHandler;
import dev.parley.cluster.PodBus;
import dev.parley.cluster.PodIdentity;
import dev.parley.common.JsonText;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Cluster adapter of {@link DeliveryBroker}: asks the session registry where the users are connected, hands this
 * pod's share to its own connections and tells each other pod holding some of them, once, on the pod bus; so a
 * frame goes only to the pods that need it. The bus keeps one caller's messages to a pod in order. It is also the
 * handler of those messages where they arrive.
 */
@ApplicationScoped
@Typed({ KafkaDeliveryBroker.class, InboxHandler.class })
public class KafkaDeliveryBroker implements DeliveryBroker, InboxHandler {

    static final String KIND = "deliver";

    /**
     * Frames for some of the receiving pod's connections: of the given users, or watching one user's presence.
     * {@code frame} is one frame; {@code frames}, when present, several in order (a channel's batch).
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record PodFrames(List<String> userIds, String watchedUserId, String frame, List<String> frames) {
        List<String> all() {
            return frames != null ? frames : List.of(frame);
        }
    }

    private final SessionRegistry registry;
    private final LocalConnections local;
    private final PodBus bus;
    private final PodIdentity pod;
    private final ObjectMapper json;
    private final BusTracing tracing;
    private final ConnectionControls controls;

    KafkaDeliveryBroker(SessionRegistry registry, LocalConnections local, PodBus bus, PodIdentity pod, ObjectMapper json,
            BusTracing tracing, ConnectionControls controls) {
        this.controls = controls;
        this.tracing = tracing;
        this.registry = registry;
        this.local = local;
        this.bus = bus;
        this.pod = pod;
        this.json = json;
    }

    @Override
    public void deliver(Collection<String> userIds, Object frame) {
        deliverAll(userIds, List.of(frame));
    }

    /** One registry lookup and one bus record per pod for the whole batch. */
    @Override
    public void deliverAll(Collection<String> userIds, List<?> frames) {
        send(registry.locate(userIds), texts(frames), List.of());
    }

    /**
     * The same with the registry asked without waiting; the frames go out from a worker thread. Nothing here waits,
     * but the answer comes on the Redis client's one event loop, which would then do every channel's fan-out in turn
     * (measured: groups of 20 had twice the p99). The users the registry placed are the ones reached.
     */
    @Override
    public CompletableFuture<Set<String>> deliverAllAsync(Collection<String> userIds, List<?> frames, List<Context> traces) {
        List<String> texts = texts(frames);
        return registry.locateAsync(userIds).thenApplyAsync(targets -> {
            send(targets, texts, traces);
            return targets.values().stream().flatMap(List::stream).collect(Collectors.toUnmodifiableSet());
        }, Infrastructure.getDefaultWorkerPool());
    }

    private List<String> texts(List<?> frames) {
        return frames.stream().map(frame -> JsonText.write(json, frame)).toList();
    }

    /** Each frame's trace (if any) gets a span where the frame is handed to sockets: here, or on the pod told. */
    private void send(Map<Integer, List<String>> targets, List<String> texts, List<Context> traces) {
        for (Map.Entry<Integer, List<String>> target : targets.entrySet()) {
            if (target.getKey() == pod.index()) {
                tracing.inSpans("parley " + KIND, traces,
                        () -> texts.forEach(text -> target.getValue().forEach(user -> local.send(user, text))));
            } else {
                // Best effort, like a write to a socket: a lost frame is recovered by the client's sync.
                bus.tell(target.getKey(), KIND, JsonText.write(json, texts.size() == 1
                        ? new PodFrames(target.getValue(), null, texts.get(0), null)
                        : new PodFrames(target.getValue(), null, null, texts)), traces);
            }
        }
    }

    @Override
    public void deliverToWatchers(String watchedUserId, Object frame) {
        String text = JsonText.write(json, frame);
        for (int target : registry.watcherPods(watchedUserId)) {
            if (target == pod.index()) {
                local.sendToWatchers(watchedUserId, text);
            } else {
                bus.tell(target, KIND, JsonText.write(json, new PodFrames(null, watchedUserId, text, null)));
            }
        }
    }

    @Override
    public void endSession(String userId, String sessionId) {
        control(userId, new ConnectionControls.Control(ConnectionControls.END_SESSION, userId, sessionId));
    }

    @Override
    public void stopWatching(String watcherId, String watchedId) {
        control(watcherId, new ConnectionControls.Control(ConnectionControls.STOP_WATCHING, watcherId, watchedId));
    }

    /** Applied here, and told to every other pod holding the user's connections. */
    private void control(String userId, ConnectionControls.Control control) {
        for (int target : registry.locate(List.of(userId)).keySet()) {
            if (target == pod.index()) {
                controls.apply(control);
            } else {
                bus.tell(target, ConnectionControls.KIND, JsonText.write(json, control));
            }
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Frames another pod sent for connections held here. */
    @Override
    public void handle(String payload) {
        PodFrames frames = JsonText.read(json, payload, PodFrames.class);
        if (frames.watchedUserId() != null) {
            local.sendToWatchers(frames.watchedUserId(), frames.frame());
        } else {
            frames.all().forEach(text -> frames.userIds().forEach(user -> local.send(user, text)));
        }
    }
}
