package dev.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What every {@link SessionRegistry} adapter must do for one pod; run against each adapter. */
public abstract class SessionRegistryContract {

    /** A registry speaking for the pod with this index. */
    protected abstract SessionRegistry registry(int podIndex);

    protected static String newUser() {
        return UUID.randomUUID().toString();
    }

    private static String registered(SessionRegistry registry) {
        String user = newUser();
        registry.register(user);
        return user;
    }

    @Test
    void findsRegisteredUsersOnTheirPodUntilUnregistered() {
        SessionRegistry registry = registry(0);
        String ann = registered(registry);
        String bob = registered(registry);
        String nobody = newUser();
        Map<Integer, List<String>> found = registry.locate(List.of(ann, bob, nobody));
        assertThat(found).containsOnlyKeys(0);
        assertThat(found.get(0)).containsExactlyInAnyOrder(ann, bob);

        registry.unregister(ann);
        assertThat(registry.locate(List.of(ann, bob))).isEqualTo(Map.of(0, List.of(bob)));
        registry.unregister(bob);
        assertThat(registry.locate(List.of(ann, bob, nobody))).isEmpty();
    }

    @Test
    void registeringTwiceIsTheSameAsOnce() {
        SessionRegistry registry = registry(0);
        String ann = newUser();
        registry.register(ann);
        registry.register(ann);
        assertThat(registry.locate(List.of(ann, ann))).isEqualTo(Map.of(0, List.of(ann)));
    }

    @Test
    void askingWithoutWaitingFindsTheSame() {
        SessionRegistry registry = registry(0);
        String ann = registered(registry);
        String bob = registered(registry);
        String nobody = newUser();
        Map<Integer, List<String>> found = registry.locateAsync(List.of(ann, bob, nobody, ann)).join();
        assertThat(found).containsOnlyKeys(0);
        assertThat(found.get(0)).containsExactlyInAnyOrder(ann, bob);
        assertThat(registry.locateAsync(List.of()).join()).isEmpty();

        registry.unregister(ann);
        registry.unregister(bob);
        assertThat(registry.locateAsync(List.of(ann, bob)).join()).isEmpty();
    }

    @Test
    void reassertingWritesWhatThePodHoldsInOneGo() {
        SessionRegistry registry = registry(0);
        String ann = newUser();
        String bob = registered(registry);
        String watched = newUser();
        registry.reassert(java.util.Set.of(ann, bob), java.util.Set.of(watched));
        registry.reassert(java.util.Set.of(ann, bob), java.util.Set.of(watched)); // idempotent

        assertThat(registry.locate(List.of(ann, bob)).get(0)).containsExactlyInAnyOrder(ann, bob);
        assertThat(registry.watcherPods(watched)).containsExactly(0);
        registry.unregister(ann); // and undone as usual
        assertThat(registry.locate(List.of(ann, bob))).isEqualTo(Map.of(0, List.of(bob)));
    }
}
