package dev.parley.push;

import java.time.Duration;

/**
 * Port: coalescing, at most one push per user per channel in a window. Embedded: in memory. Cluster: Redis
 * (SET NX with expiry), so pods share the window.
 */
public interface PushGate {

    /** True (and the window starts) if no push went to this user for this channel within the window. */
    boolean tryOpen(String userId, String channelId, Duration window);
}
