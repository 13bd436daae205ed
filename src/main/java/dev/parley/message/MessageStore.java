package dev.parley.message;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.parley.channel.ChannelHeads;

/**
 * Port: the history of every channel, kept forever. Embedded: the embedded PostgreSQL. Cluster: DynamoDB.
 * <p>
 * Contract: {@link #append} gives a channel's messages the seqs 1, 2, 3, ... with no gap and returns only once the
 * message is durable; an append whose (senderId, clientMsgId) is already stored stores nothing and returns the
 * original, marked duplicate. Appends to one channel must be called one at a time (see {@link SendPipeline}).
 */
public interface MessageStore extends ChannelHeads {

    Appended append(NewMessage message);

    /**
     * Appends messages of one channel together, in the given order: the new ones get consecutive seqs and become
     * durable at once (group commit); each resend (already stored, or earlier in the same list) is answered with the
     * original, marked duplicate. The answers come in the order of the messages.
     */
    default List<Appended> appendAll(List<NewMessage> messages) {
        return messages.stream().map(this::append).toList();
    }

    /**
     * The same, for a writer that must not wait: completes once the batch is durable. {@code writerEpoch} fences
     * writers: once a writer of a later epoch has written a channel, an earlier one's appends to it fail (see
     * {@link #claimWriterEpoch}). Where one process writes (embedded), the epoch does not matter.
     */
    default CompletableFuture<List<Appended>> appendAll(List<NewMessage> messages, long writerEpoch) {
        try {
            return CompletableFuture.completedFuture(appendAll(messages));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Blocks of several channels at once (each as {@link #appendAll(List, long)}); an adapter may share its calls
     * between them. Each channel's answer completes or fails on its own.
     */
    default Map<String, CompletableFuture<List<Appended>>> appendAll(Map<String, List<NewMessage>> byChannel,
            long writerEpoch) {
        Map<String, CompletableFuture<List<Appended>>> answers = new java.util.LinkedHashMap<>();
        byChannel.forEach((channelId, messages) -> answers.put(channelId, appendAll(messages, writerEpoch)));
        return answers;
    }

    /** An epoch above every one claimed before, for a writer that has just become a channel's owner. */
    default long claimWriterEpoch() {
        return 0;
    }

    Optional<StoredMessage> findByClientMsgId(String senderId, String clientMsgId);

    /** The channel's messages at these seqs, in their current state (seqs with no message are left out). */
    Map<Long, StoredMessage> messagesAt(String channelId, java.util.Collection<Long> seqs);

    /** Up to {@code limit} messages with seq > afterSeq. */
    HistoryPage after(String channelId, long afterSeq, int limit);

    /** The {@code limit} messages just before {@code beforeSeq}. */
    HistoryPage before(String channelId, long beforeSeq, int limit);

    /** The latest {@code limit} messages. */
    default HistoryPage latest(String channelId, int limit) {
        return before(channelId, Long.MAX_VALUE, limit);
    }
}
