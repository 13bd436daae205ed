package dev.parley.gateway;

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
    private SyncRequest waiting;
    private boolean answering;

    SyncTurns(int maxChannels) {
        this.maxChannels = maxChannels;
    }

    /** The cursors to answer now, or empty when a sync is being answered (these are merged into the next one). */
    synchronized Optional<SyncRequest> offer(SyncRequest request) {
        if (!answering) {
            answering = true;
            return Optional.of(request);
        }
        SyncRequest merged = waiting == null ? request : waiting.merge(request);
        if (merged.channels() > maxChannels) {
            throw new DomainException(ErrorCode.OVERLOADED, "syncs of more than " + maxChannels
                    + " channels wait on this connection; send it again once a synced frame came");
        }
        waiting = merged;
        return Optional.empty();
    }

    /** After a sync's synced frame: the merged waiting cursors to answer next, or empty (the turn ends). */
    synchronized Optional<SyncRequest> next() {
        SyncRequest next = waiting;
        waiting = null;
        answering = next != null;
        return Optional.ofNullable(next);
    }
}
