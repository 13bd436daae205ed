package dev.parley.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@code sync} asks for: per channel, the last seq the client has ({@code cursors}) and, optionally, the last
 * changeSeq ({@code changeCursors}: edits and deletions since).
 */
record SyncRequest(Map<String, Long> cursors, Map<String, Long> changeCursors) {

    /** Both syncs' channels, each at the lower cursor: whatever either asked for is answered. */
    SyncRequest merge(SyncRequest other) {
        return new SyncRequest(lowest(cursors, other.cursors), lowest(changeCursors, other.changeCursors));
    }

    int channels() {
        return Math.max(cursors.size(), changeCursors.size());
    }

    private static Map<String, Long> lowest(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> merged = new LinkedHashMap<>(a);
        b.forEach((channel, seq) -> merged.merge(channel, seq, Math::min));
        return merged;
    }
}
