package dev.parley.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** Embedded adapter of {@link SessionRegistry}: one node, index 0, holding every connection. */
@ApplicationScoped
@Typed(LocalSessionRegistry.class)
public class LocalSessionRegistry implements SessionRegistry {

    static final int THIS_NODE = 0;

    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    @Override
    public void register(String userId) {
        users.add(userId);
    }

    @Override
    public void unregister(String userId) {
        users.remove(userId);
    }

    @Override
    public Map<Integer, List<String>> locate(Collection<String> userIds) {
        List<String> here = userIds.stream().distinct().filter(users::contains).toList();
        return here.isEmpty() ? Map.of() : Map.of(THIS_NODE, here);
    }

    @Override
    public void watch(String userId) {
        watched.add(userId);
    }

    @Override
    public void unwatch(String userId) {
        watched.remove(userId);
    }

    @Override
    public Set<Integer> watcherPods(String userId) {
        return watched.contains(userId) ? Set.of(THIS_NODE) : Set.of();
    }
}
