package dev.parley.delivery;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkus.security.Authenticated;

/**
 * Where a client should open its socket: a pod with no more sockets than the cluster's average (the service
 * discovery step of the design notes). Without per-pod socket URLs configured, the answer has no URL and clients
 * connect through the usual address.
 */
@Path("/api/v1/connect")
@Authenticated
public class ConnectResource {

    /** url: the socket URL to use, or null for the usual one; pods: how many pods share the sockets. */
    public record Recommendation(String url, int pods) {
    }

    private final PodLoads loads;

    ConnectResource(PodLoads loads) {
        this.loads = loads;
    }

    @GET
    public Recommendation recommend() {
        List<PodLoads.PodLoad> all = loads.all();
        return new Recommendation(pick(all), all.size());
    }

    /** At random among the pods at or below the average (so a crowd of reconnects spreads), preferring ones with a URL. */
    static String pick(List<PodLoads.PodLoad> all) {
        List<PodLoads.PodLoad> addressable = all.stream().filter(p -> p.socketUrl() != null).toList();
        if (addressable.isEmpty()) {
            return null;
        }
        double average = addressable.stream().mapToInt(PodLoads.PodLoad::sockets).average().orElse(0);
        List<PodLoads.PodLoad> light = addressable.stream().filter(p -> p.sockets() <= average).toList();
        List<PodLoads.PodLoad> from = light.isEmpty() ? addressable : light;
        return from.get(ThreadLocalRandom.current().nextInt(from.size())).socketUrl();
    }
}
