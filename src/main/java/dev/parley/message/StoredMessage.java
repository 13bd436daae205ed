package dev.parley.message;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.parley.media.Attachment;

/**
 * A message as durably stored, and as history returns it: its current state. {@code changeSeq} is the channel's
 * change sequence number of its last edit or deletion (0 if never changed; left out of JSON then), {@code editedAt}
 * when it was last edited, {@code deletedAt} when it was deleted: a deleted message keeps its seq, and its text is
 * "" everywhere, storage included; {@code reactions}, per emoji who reacted (left out of JSON when none);
 * {@code replyTo}, the earlier message it replies to (left out when none); {@code attachments}, the files it carries
 * (left out when none; a deletion takes them away, bytes included).
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record StoredMessage(String id, String channelId, long seq, String senderId, String clientMsgId, String text,
        Instant sentAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long changeSeq,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reaction> reactions,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReplyTo replyTo,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Attachment> attachments) {

    public StoredMessage {
        reactions = reactions == null ? List.of() : reactions;
        attachments = attachments == null ? List.of() : attachments;
    }

    /** A message as sent: never changed. */
    public StoredMessage(String id, String channelId, long seq, String senderId, String clientMsgId, String text,
            Instant sentAt) {
        this(id, channelId, seq, senderId, clientMsgId, text, sentAt, null, null, 0, List.of(), null, List.of());
    }

    /** The new message as stored under this seq. */
    static StoredMessage of(NewMessage m, long seq) {
        return new StoredMessage(m.id(), m.channelId(), seq, m.senderId(), m.clientMsgId(), m.text(), m.sentAt(), null,
                null, 0, List.of(), m.replyTo(), m.attachments());
    }

    /**
     * The same message with its state after a change (its identity and what it replies to stay; its attachments
     * too, but for a deletion, which takes them away).
     */
    StoredMessage withState(String newText, Instant newEditedAt, Instant newDeletedAt, long newChangeSeq,
            List<Reaction> newReactions) {
        return new StoredMessage(id, channelId, seq, senderId, clientMsgId, newText, sentAt, newEditedAt, newDeletedAt,
                newChangeSeq, newReactions, replyTo, newDeletedAt == null ? attachments : List.of());
    }

    StoredMessage withReplyTo(ReplyTo newReplyTo) {
        return new StoredMessage(id, channelId, seq, senderId, clientMsgId, text, sentAt, editedAt, deletedAt, changeSeq,
                reactions, newReplyTo, attachments);
    }

    StoredMessage withReactions(List<Reaction> newReactions) {
        return withState(text, editedAt, deletedAt, changeSeq, newReactions);
    }

    @JsonIgnore
    public boolean deleted() {
        return deletedAt != null;
    }
}
