package dev.parley.presence;

import java.time.Duration;

/**
 * Port: the grace period after a user's last connection closed, during which they still count as online (so a
 * flapping network or a reconnect to another pod does not flash offline to everyone). Embedded: in memory.
 * Cluster: Redis keys with expiry, seen by every pod.
 */
public interface PresenceStore {

    /**
     * A grace period is ended by the pod that started it ({@link #endGrace}), after it has written the user's
     * lastActiveAt; it lapses on its own only this long after its planned end, to clean up after a pod that died.
     * Lapsing earlier would let a status query find the user offline before that write.
     */
    Duration LAPSE_AFTER = Duration.ofSeconds(5);

    /** Starts (or restarts) the user's grace period; {@code token} identifies this one. */
    void startGrace(String userId, String token, Duration grace);

    /** True while the user's grace period runs. */
    boolean inGrace(String userId);

    /** Ends the grace period if it is still the one named by {@code token}; true if it was. */
    boolean endGrace(String userId, String token);

    /** Ends whatever grace period the user has (they connected again). */
    void cancelGrace(String userId);

    /**
     * Records the status last announced for the user and returns the one before (null: none), atomically, so that
     * racing connects and disconnects, on one pod or several, announce each change once.
     */
    String announce(String userId, String status);
}
