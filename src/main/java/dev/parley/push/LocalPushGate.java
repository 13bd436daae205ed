package dev.parley.push;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import io.quarkus.scheduler.Scheduled;

/** Embedded adapter of {@link PushGate}. */
@ApplicationScoped
@Typed(LocalPushGate.class)
public class LocalPushGate implements PushGate {

    private final Map<String, Long> openUntil = new ConcurrentHashMap<>();

    @Override
    public boolean tryOpen(String userId, String channelId, Duration window) {
        long now = System.nanoTime();
        boolean[] opened = { false };
        openUntil.compute(userId + "/" + channelId, (key, until) -> {
            if (until != null && now < until) {
                return until;
            }
            opened[0] = true;
            return now + window.toNanos();
        });
        return opened[0];
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetClosedWindows() {
        long now = System.nanoTime();
        openUntil.values().removeIf(until -> now >= until);
    }
}
