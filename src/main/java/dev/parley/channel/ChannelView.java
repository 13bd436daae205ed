package dev.parley.channel;

import java.util.List;

/**
 * A channel as one member sees it: readSeq and muted are that member's own; readMarkers holds every member's read
 * marker (for "seen").
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record ChannelView(String id, String type, String name, String ownerId, List<String> memberIds, long lastSeq,
        long readSeq, boolean muted, java.util.Map<String, Long> readMarkers) {
}
