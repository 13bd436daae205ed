package dev.parley.channel;

import java.util.List;

/** A channel as one member sees it: readSeq is that member's own read marker. */
public record ChannelView(String id, String type, String name, String ownerId, List<String> memberIds, long lastSeq,
        long readSeq) {
}
