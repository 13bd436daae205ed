package dev.parley.message;

import java.util.List;

/** What a client missed: per channel, the messages after its cursor, and the channels it may not read. */
public record SyncResult(List<ChannelSync> channels, List<String> notMember) {

    /** truncated: more messages follow than one sync sends; the client pages the rest over REST. */
    public record ChannelSync(String channelId, List<StoredMessage> messages, boolean truncated) {
    }
}
