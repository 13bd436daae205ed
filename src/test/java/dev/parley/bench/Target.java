package dev.parley.bench;

import java.net.URI;
import java.util.List;

/** Something the benchmark drives: Parley embedded, a Parley cluster, or the in-memory relay. */
interface Target extends AutoCloseable {

    /** One benchmark user: where it connects, with what. */
    record User(String id, String token, URI wsUri) {
    }

    /** The users, and per channel its members (indexes into users). */
    record Setup(List<User> users, List<String> channels, List<List<Integer>> members) {
    }

    String name();

    void start() throws Exception;

    /** New users and channels for one scenario: channel k holds users k*groupSize .. (k+1)*groupSize-1. */
    Setup setUp(int users, int groupSize) throws Exception;

    /** Whether clients must join their channels over the socket first (the relay has no channels of its own). */
    default boolean joinsOverSocket() {
        return false;
    }

    /** Where the user's client opens its socket again after the server closed it (asked as the protocol says). */
    default URI whereToReconnect(User user) {
        return user.wsUri();
    }

    /** The processes whose CPU time counts as the target's. */
    List<Long> pids();

    @Override
    void close();
}
