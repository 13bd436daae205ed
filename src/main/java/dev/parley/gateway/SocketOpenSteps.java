package dev.parley.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times what a socket's open costs, step by step ({@code parley.sockets.open.duration}, tag {@code step}), so that
 * slow opens say where their time goes: waiting for a worker before {@code @OnOpen} starts ({@link #QUEUED});
 * registering the socket ({@link #REGISTER}: the session registry and, for a user's first socket on this pod, going
 * online, which writes the last-active time to PostgreSQL); checking its session was not logged out
 * ({@link #SESSION_CHECK}); its default presence subscriptions ({@link #PRESENCE}). The socket's frames wait until all
 * of it is done (one callback at a time per connection).
 */
@ApplicationScoped
class SocketOpenSteps {

    static final String QUEUED = "queued";
    static final String REGISTER = "register";
    static final String SESSION_CHECK = "session_check";
    static final String PRESENCE = "presence_subscriptions";

    private final Map<String, Timer> timers;

    SocketOpenSteps(MeterRegistry metrics) {
        timers = Stream.of(QUEUED, REGISTER, SESSION_CHECK, PRESENCE).collect(Collectors.toUnmodifiableMap(step -> step,
                step -> Timer.builder("parley.sockets.open.duration").tag("step", step).publishPercentiles(0.5, 0.99)
                        .description("Time a socket's open spends in each step, before its frames are handled")
                        .register(metrics)));
    }

    /** From the upgrade (the connection's creation) until {@code @OnOpen} began. */
    void queuedSince(Instant created) {
        timers.get(QUEUED).record(Duration.between(created, Instant.now()));
    }

    /** Runs one step and times it, whether it returns or throws. */
    <T> T time(String step, Supplier<T> work) {
        return timers.get(step).record(work);
    }
}
