package dev.parley.gateway;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.parley.config.ParleyConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a WebSocket upgrade from a web page of a foreign origin (cross-site WebSocket hijacking) with 403, and
 * every upgrade with 503 while the pod drains. Requests without an Origin header come from native clients.
 */
@ApplicationScoped
public class OriginCheck {


    private final Optional<List<String>> allowedOrigins;
    private final Drain drain;

    OriginCheck(ParleyConfig config, Drain drain) {
        this.drain = drain;
        this.allowedOrigins = config.allowedOrigins()
                .map(list -> list.stream().map(OriginCheck::normalise).toList());
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    private void check(RoutingContext context) {
        if (drain.isDraining() && ChatSocket.PATH.equals(context.normalizedPath())) {
            // Shutting down: this pod takes no new sockets; the client's backoff finds another.
            context.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1").end();
            return;
        }
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !ChatSocket.PATH.equals(context.normalizedPath()) || isAllowed(origin, context)) {
            context.next();
            return;
        }
        context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"WebSocket connections from this origin are not allowed.\",\"code\":\"origin_not_allowed\"}");
    }

    boolean isAllowed(String origin, RoutingContext context) {
        if (allowedOrigins.isPresent()) {
            return allowedOrigins.get().contains(normalise(origin));
        }
        // Default: the server's own origin, i.e. the page was served by the host the socket connects to.
        String host = context.request().getHeader(HttpHeaders.HOST);
        return host != null && authorityOf(origin).map(a -> a.equalsIgnoreCase(host)).orElse(false);
    }

    private static Optional<String> authorityOf(String origin) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
