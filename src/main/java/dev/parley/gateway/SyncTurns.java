package dev.parley.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;

/**
 * One connection's syncs, answered one at a time: a sync that arrives while another is answered waits, merged with
 * any other waiting one (the lowest cursor per channel wins, so nothing asked for is skipped). However fast a
 * client sends `sync` (one per out-of-order frame, a loop, an attack), its connection costs at most one sync being
 * read and one waiting, never a worker thread per frame.
 */
final class SyncTurns {

    private final int maxChannels;
    private Map<String, Long> waiting;
    private boolean answering;

    SyncTurns(int maxChannels) {
        this.maxChannels = maxChannels;
    }

    /** The cursors to answer now, or empty when a sync is being answered (these are merged into the next one). */
    synchronized Optional<Map<String, Long>> offer(Map<String, Long> cursors) {
        if (!answering) {
            answering = true;
            return Optional.of(cursors);
        }
        Map<String, Long> merged = waiting == null ? new LinkedHashMap<>() : new LinkedHashMap<>(waiting);
        cursors.forEach((channel, seq) -> merged.merge(channel, seq, Math::min));
        if (merged.size() > maxChannels) {
            throw new DomainException(ErrorCode.OVERLOADED, "syncs of more than " + maxChannels
                    + " channels wait on this connection; send it again once a synced frame came");
        }
        waiting = merged;
        return Optional.empty();
    }

    /** After a sync's synced frame: the merged waiting cursors to answer next, or empty (the turn ends). */
    synchronized Optional<Map<String, Long>> next() {
        Map<String, Long> next = waiting;
        waiting = null;
        answering = next != null;
        return Optional.ofNullable(next);
    }
}
