package dev.parley.message;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;

/**
 * Fills in what replies reply to (author and preview, as the originals read now) where messages are handed out from
 * storage: one read of the originals per page. Storage keeps only the seq, so an edit or a deletion of the original
 * shows in every reply read after it, and a deleted text survives in no preview.
 */
@ApplicationScoped
public class ReplyPreviews {

    private final MessageStore store;

    ReplyPreviews(MessageStore store) {
        this.store = store;
    }

    /** Messages of one channel, with their replyTo filled in. Blocking (the store). */
    public List<StoredMessage> fillIn(String channelId, List<StoredMessage> messages) {
        Set<Long> wanted = messages.stream().filter(m -> m.replyTo() != null && !m.replyTo().filledIn())
                .map(m -> m.replyTo().seq()).collect(Collectors.toSet());
        if (wanted.isEmpty()) {
            return messages;
        }
        Map<Long, StoredMessage> originals = store.messagesAt(channelId, wanted);
        return messages.stream().map(m -> m.replyTo() == null || m.replyTo().filledIn() ? m
                : m.withReplyTo(originals.containsKey(m.replyTo().seq()) ? ReplyTo.of(originals.get(m.replyTo().seq()))
                        : m.replyTo())).toList();
    }

    HistoryPage fillIn(String channelId, HistoryPage page) {
        List<StoredMessage> filled = fillIn(channelId, page.messages());
        return filled == page.messages() ? page : new HistoryPage(filled, page.hasMore());
    }

    /** The original a new message replies to, checked: it must be in the channel and not deleted. */
    ReplyTo original(String channelId, long seq) {
        StoredMessage original = seq < 1 ? null : store.messagesAt(channelId, List.of(seq)).get(seq);
        if (original == null) {
            throw new DomainException(ErrorCode.MESSAGE_NOT_FOUND,
                    "replyToSeq names no message of this channel");
        }
        if (original.deleted()) {
            throw new DomainException(ErrorCode.MESSAGE_DELETED,
                    "the message replied to was deleted");
        }
        return ReplyTo.of(original);
    }
}
