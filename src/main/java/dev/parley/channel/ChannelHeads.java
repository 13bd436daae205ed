package dev.parley.channel;

import java.util.Collection;
import java.util.Map;

/**
 * Port: how far each channel's history goes, for channel views (lastSeq, unread counts) and read markers. Channel
 * owns the question; the message store, which keeps the history, answers it (both of its adapters).
 */
public interface ChannelHeads {

    /** The highest seq of each channel that has messages; channels without messages are absent. */
    Map<String, Long> lastSeqs(Collection<String> channelIds);
}
