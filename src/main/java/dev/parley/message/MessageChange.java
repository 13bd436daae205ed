package dev.parley.message;

import java.time.Instant;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;

/**
 * A checked request to change a sent message: an edit (new text) or a deletion. {@code byOwner}: the requester owns
 * the channel (a group owner may delete anyone's message; only the author edits).
 */
public record MessageChange(String channelId, long seq, Kind kind, String byUserId, boolean byOwner, String text,
        Instant at) {

    public enum Kind {
        EDIT, DELETE
    }

    static MessageChange edit(String channelId, long seq, String byUserId, String text, Instant at) {
        return new MessageChange(channelId, seq, Kind.EDIT, byUserId, false, text, at);
    }

    static MessageChange delete(String channelId, long seq, String byUserId, boolean byOwner, Instant at) {
        return new MessageChange(channelId, seq, Kind.DELETE, byUserId, byOwner, null, at);
    }

    /**
     * What this change does to the message as it stands: nothing (returns false: the same text again, a deletion of a
     * tombstone, so a resent change is harmless), or refused; true when it is to be stored.
     */
    boolean appliesTo(StoredMessage target) {
        if (kind == Kind.EDIT) {
            if (!target.senderId().equals(byUserId)) {
                throw new DomainException(ErrorCode.NOT_AUTHOR,
                        "only the author may edit a message");
            }
            if (target.deleted()) {
                throw new DomainException(ErrorCode.MESSAGE_DELETED,
                        "this message was deleted");
            }
            return !target.text().equals(text);
        }
        if (!target.senderId().equals(byUserId) && !byOwner) {
            throw new DomainException(ErrorCode.NOT_AUTHOR,
                    "only the author or the group's owner may delete a message");
        }
        return !target.deleted();
    }

    /** The message after this change, as the change's writer gave it changeSeq. */
    StoredMessage applyTo(StoredMessage target, long changeSeq) {
        return kind == Kind.EDIT
                ? new StoredMessage(target.id(), target.channelId(), target.seq(), target.senderId(), target.clientMsgId(),
                        text, target.sentAt(), at, null, changeSeq)
                : new StoredMessage(target.id(), target.channelId(), target.seq(), target.senderId(), target.clientMsgId(),
                        "", target.sentAt(), target.editedAt(), at, changeSeq);
    }
}
