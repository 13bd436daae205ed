package dev.parley.gateway;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts a socket's upgrade request as finished once its connection closes. Quarkus's graceful shutdown waits for
 * every HTTP request it saw begin; an upgraded request never reports its end (Quarkus 3.33: the response's end and
 * close handlers do not fire after a 101), so after the first socket ever opened, every shutdown waited out
 * {@code quarkus.shutdown.timeout} and logged "Timed out waiting for graceful shutdown", sockets long gone. The drain
 * ({@link Drain}) has closed the sockets by then; this lets the shutdown see it. The hook is Quarkus-internal (its
 * request wrapper's package-private {@code done()}), so it degrades to a logged no-op if that ever moves, and
 * {@code DrainIT} fails if the time-out comes back.
 */
@ApplicationScoped
@RegisterForReflection(targets = QuarkusRequestWrapper.class, methods = true)
public class UpgradedRequests {

    private static final Logger LOG = Logger.getLogger(UpgradedRequests.class);
    private static final MethodHandle DONE = findDone();

    void register(@Observes Filters filters) {
        filters.register(this::finishWhenClosed, 2000);
    }

    private void finishWhenClosed(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (DONE != null && ChatSocket.PATH.equals(context.normalizedPath()) && request.connection() != null) {
            QuarkusRequestWrapper wrapper = QuarkusRequestWrapper.get(request);
            if (wrapper != null) {
                // HTTP/1.1: the upgraded socket owns the connection, so the connection closing ends the request.
                // (The connection's close handler is a single slot; nothing else sets it on an upgraded one.)
                request.connection().closeHandler(closed -> finish(wrapper));
            }
        }
        context.next();
    }

    private static void finish(QuarkusRequestWrapper wrapper) {
        try {
            DONE.invoke(wrapper); // idempotent: the wrapper runs its done handlers once
        } catch (Throwable e) {
            LOG.debug("Could not mark an upgraded request finished", e);
        }
    }

    private static MethodHandle findDone() {
        try {
            return MethodHandles.privateLookupIn(QuarkusRequestWrapper.class, MethodHandles.lookup())
                    .findVirtual(QuarkusRequestWrapper.class, "done", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Quarkus's request wrapper has no done(): shutdowns after sockets may wait for their time-out");
            return null;
        }
    }
}
