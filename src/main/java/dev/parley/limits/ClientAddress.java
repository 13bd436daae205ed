package dev.parley.limits;

import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.parley.config.ParleyConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from, for per-address budgets. Behind N trusted proxies that each append the address
 * they saw to X-Forwarded-For, the client is the N-th entry from the end: entries before it were written by the
 * client itself and prove nothing.
 */
@ApplicationScoped
public class ClientAddress {

    private final int trustedHops;

    @Inject
    ClientAddress(ParleyConfig config) {
        this(config.limits().trustedProxyHops());
    }

    ClientAddress(int trustedHops) {
        this.trustedHops = trustedHops;
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return of(peer, request.headers().getAll("X-Forwarded-For"));
    }

    String of(String peer, List<String> forwardedFor) {
        if (trustedHops == 0) {
            return peer;
        }
        List<String> hops = forwardedFor.stream().flatMap(header -> Stream.of(header.split(","))).map(String::strip)
                .filter(hop -> !hop.isEmpty()).toList();
        // Fewer entries than trusted proxies: the request did not come through them all; the peer is what we know.
        return hops.size() < trustedHops ? peer : hops.get(hops.size() - trustedHops);
    }
}
