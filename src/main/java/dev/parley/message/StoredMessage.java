package dev.parley.message;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message as durably stored, and as history returns it: its current state. {@code changeSeq} is the channel's
 * change sequence number of its last edit or deletion (0 if never changed; left out of JSON then), {@code editedAt}
 * when it was last edited, {@code deletedAt} when it was deleted: a deleted message keeps its seq, and its text is
 * "" everywhere, storage included; {@code reactions}, per emoji who reacted (left out of JSON when none).
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record StoredMessage(String id, String channelId, long seq, String senderId, String clientMsgId, String text,
        Instant sentAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long changeSeq,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reaction> reactions) {

    public StoredMessage {
        reactions = reactions == null ? List.of() : reactions;
    }

    /** A message as sent: never changed. */
    public StoredMessage(String id, String channelId, long seq, String senderId, String clientMsgId, String text,
            Instant sentAt) {
        this(id, channelId, seq, senderId, clientMsgId, text, sentAt, null, null, 0, List.of());
    }

    StoredMessage withReactions(List<Reaction> newReactions) {
        return new StoredMessage(id, channelId, seq, senderId, clientMsgId, text, sentAt, editedAt, deletedAt, changeSeq,
                newReactions);
    }

    @JsonIgnore
    public boolean deleted() {
        return deletedAt != null;
    }
}
