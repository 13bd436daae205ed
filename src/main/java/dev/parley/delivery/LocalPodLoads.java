package dev.parley.delivery;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.parley.config.ParleyConfig;

/** Embedded adapter of {@link PodLoads}: one process is the whole cluster, so it is always at the average. */
@ApplicationScoped
@Typed(LocalPodLoads.class)
public class LocalPodLoads implements PodLoads {

    private final String socketUrl;
    private volatile int sockets;

    @jakarta.inject.Inject
    LocalPodLoads(ParleyConfig config) {
        this(config.balance().socketUrl().orElse(null));
    }

    LocalPodLoads(String socketUrl) {
        this.socketUrl = socketUrl;
    }

    @Override
    public String self() {
        return "local";
    }

    @Override
    public void publish(int count) {
        sockets = count;
    }

    @Override
    public void withdraw() {
        // one process: there is nowhere else to send clients
    }

    @Override
    public List<PodLoad> all() {
        return List.of(new PodLoad(self(), sockets, socketUrl));
    }
}
