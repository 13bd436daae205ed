package dev.parley.message;

import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;

/**
 * A checked request to change a sent message: an edit (new text), a deletion, or a reaction added or removed
 * ({@code emoji}). {@code byOwner}: the requester owns the channel (a group owner may delete anyone's message; only
 * the author edits).
 */
public record MessageChange(String channelId, long seq, Kind kind, String byUserId, boolean byOwner, String text,
        String emoji, Instant at) {

    public enum Kind {
        EDIT, DELETE, REACT, UNREACT
    }

    static MessageChange edit(String channelId, long seq, String byUserId, String text, Instant at) {
        return new MessageChange(channelId, seq, Kind.EDIT, byUserId, false, text, null, at);
    }

    static MessageChange delete(String channelId, long seq, String byUserId, boolean byOwner, Instant at) {
        return new MessageChange(channelId, seq, Kind.DELETE, byUserId, byOwner, null, null, at);
    }

    static MessageChange react(String channelId, long seq, String byUserId, String emoji, boolean add, Instant at) {
        return new MessageChange(channelId, seq, add ? Kind.REACT : Kind.UNREACT, byUserId, false, null, emoji, at);
    }

    /**
     * What this change does to the message as it stands: nothing (returns false: the same text again, a deletion of a
     * tombstone, a reaction already there or not there, so a resent change is harmless), or refused; true when it is
     * to be stored.
     */
    boolean appliesTo(StoredMessage target) {
        switch (kind) {
            case EDIT -> {
                if (!target.senderId().equals(byUserId)) {
                    throw new DomainException(ErrorCode.NOT_AUTHOR, "only the author may edit a message");
                }
                refuseTombstone(target);
                return !target.text().equals(text);
            }
            case DELETE -> {
                if (!target.senderId().equals(byUserId) && !byOwner) {
                    throw new DomainException(ErrorCode.NOT_AUTHOR,
                            "only the author or the group's owner may delete a message");
                }
                return !target.deleted();
            }
            case REACT -> {
                refuseTombstone(target);
                Map<String, TreeSet<String>> users = Reaction.usersByEmoji(target.reactions());
                if (!users.containsKey(emoji) && users.size() >= Reaction.MAX_PER_MESSAGE) {
                    throw new DomainException(ErrorCode.TOO_MANY_REACTIONS,
                            "a message takes at most " + Reaction.MAX_PER_MESSAGE + " different emoji");
                }
                return !users.getOrDefault(emoji, new TreeSet<>()).contains(byUserId);
            }
            default -> {
                return Reaction.usersByEmoji(target.reactions()).getOrDefault(emoji, new TreeSet<>()).contains(byUserId);
            }
        }
    }

    private static void refuseTombstone(StoredMessage target) {
        if (target.deleted()) {
            throw new DomainException(ErrorCode.MESSAGE_DELETED, "this message was deleted");
        }
    }

    /** The message after this change, as the change's writer gave it changeSeq. */
    StoredMessage applyTo(StoredMessage target, long changeSeq) {
        return switch (kind) {
            case EDIT -> target.withState(text, at, null, changeSeq, target.reactions());
            case DELETE -> target.withState("", target.editedAt(), at, changeSeq, java.util.List.of());
            case REACT, UNREACT -> {
                Map<String, TreeSet<String>> users = Reaction.usersByEmoji(target.reactions());
                TreeSet<String> ofEmoji = users.computeIfAbsent(emoji, e -> new TreeSet<>());
                if (kind == Kind.REACT) {
                    ofEmoji.add(byUserId);
                } else {
                    ofEmoji.remove(byUserId);
                }
                yield target.withState(target.text(), target.editedAt(), target.deletedAt(), changeSeq,
                        Reaction.of(users));
            }
        };
    }
}
