package dev.parley.message;

import java.util.List;

/**
 * Port: edits and deletions of stored messages, and what changed since a cursor. Embedded: the embedded PostgreSQL.
 * Cluster: DynamoDB, in the channel's partition of the messages table.
 * <p>
 * Contract: each change stored gets the channel's next change sequence number ({@code changeSeq}: 1, 2, 3, ...,
 * counted apart from message seqs), and the message keeps its state after the change: current text and
 * {@code editedAt}, or for a deletion text "" and {@code deletedAt} (the text is gone from storage, not masked).
 * Changes of a channel become visible in changeSeq order, so a reader that has every change up to a cursor and
 * reads after it misses none. Blocking: call from a worker thread.
 */
public interface ChangeStore {

    /**
     * Stores the change if it does something and is allowed (see {@link MessageChange#appliesTo}); answers the
     * message's state after it and whether anything was stored.
     *
     * @throws dev.parley.common.DomainException {@code message_not_found}, {@code not_author},
     *             {@code message_deleted}, or {@code overloaded} when other changes of the channel kept winning
     */
    Changed apply(MessageChange change);

    /**
     * The messages whose last change is after {@code afterChangeSeq}, in their current state, ordered by that
     * change (each message once), up to {@code limit} changes' worth.
     */
    ChangesPage changesAfter(String channelId, long afterChangeSeq, int limit);

    /** A change's outcome: the message as it stands, and whether this call stored a change. */
    record Changed(StoredMessage message, boolean stored) {
    }

    /**
     * Changed messages by ascending last change; {@code through}: the changeSeq this page covers up to (the cursor to
     * read on from); hasMore: more changes lie beyond it.
     */
    record ChangesPage(List<StoredMessage> messages, boolean hasMore, long through) {
    }
}
