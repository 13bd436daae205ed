package dev.parley.presence;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** Embedded adapter of {@link PresenceStore}. */
@ApplicationScoped
@Typed(LocalPresenceStore.class)
public class LocalPresenceStore implements PresenceStore {

    private record Grace(String token, long until) {
    }

    private final Map<String, Grace> graces = new ConcurrentHashMap<>();
    private final Map<String, String> announced = new ConcurrentHashMap<>();

    @Override
    public void startGrace(String userId, String token, Duration grace) {
        graces.put(userId, new Grace(token, System.nanoTime() + grace.plus(LAPSE_AFTER).toNanos()));
    }

    @Override
    public boolean inGrace(String userId) {
        Grace grace = graces.get(userId);
        if (grace != null && System.nanoTime() > grace.until()) {
            graces.remove(userId, grace);
            return false;
        }
        return grace != null;
    }

    @Override
    public boolean endGrace(String userId, String token) {
        Grace grace = graces.get(userId);
        return grace != null && grace.token().equals(token) && graces.remove(userId, grace);
    }

    @Override
    public void cancelGrace(String userId) {
        graces.remove(userId);
    }

    @Override
    public String announce(String userId, String status) {
        return announced.put(userId, status);
    }
}
