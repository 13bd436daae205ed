package dev.parley.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.ChannelService;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.config.ParleyConfig;
import dev.parley.delivery.DeliveryBroker;
import dev.parley.limits.RateLimiter;
import dev.parley.limits.RateLimiters;
import dev.parley.media.Attachment;
import dev.parley.media.AttachmentService;

/**
 * Edits, deletions and reactions to sent messages: checked here (membership, text rules, budget), numbered and stored by the
 * {@link ChangeStore}, then told to every member's connections as a {@code changed} frame. Blocking (the store, the
 * membership read): call from a worker thread.
 */
@ApplicationScoped
public class MessageChangeService {

    private final ChangeStore store;
    private final ChannelService channels;
    private final DeliveryBroker broker;
    /** Each user's edits, deletions and reactions together, across connections and pods: changes cost what sends cost. */
    private final RateLimiter limiter;

    private final ReplyPreviews replies;
    private final MessageStore messages;
    private final AttachmentService attachments;

    MessageChangeService(ChangeStore store, ChannelService channels, DeliveryBroker broker, RateLimiters limiters,
            ParleyConfig config, ReplyPreviews replies, MessageStore messages, AttachmentService attachments) {
        this.replies = replies;
        this.messages = messages;
        this.attachments = attachments;
        this.store = store;
        this.channels = channels;
        this.broker = broker;
        this.limiter = limiters.create("change", config.limits().sendBurst(), config.limits().sendPerSecond());
    }

    /** Only the author edits, with the rules of sending; a direct chat closed by a block takes no edits either. */
    public StoredMessage edit(String userId, String channelId, long seq, String text) {
        MessageText.validate(text);
        channels.requireMember(channelId, userId);
        if (channels.isClosedByBlock(channelId)) {
            throw ChannelService.closedByBlock();
        }
        return change(MessageChange.edit(channelId, seq, userId, text, now()));
    }

    /**
     * A member adds (or removes) an emoji reaction; one per emoji per user, and not on a tombstone. A direct chat closed
     * by a block takes none, like sends.
     */
    public StoredMessage react(String userId, String channelId, long seq, String emoji, boolean add) {
        Reaction.validate(emoji);
        channels.requireMember(channelId, userId);
        if (add && channels.isClosedByBlock(channelId)) {
            throw ChannelService.closedByBlock();
        }
        return change(MessageChange.react(channelId, seq, userId, emoji, add, now()));
    }

    /**
     * The author, or the group's owner, deletes: the message becomes a tombstone with the same seq, and the files it
     * carried are deleted from storage once the tombstone is stored (a failure in between leaves them unreachable:
     * no message refers to them and no download URL is handed out for a deleted message's files).
     */
    public StoredMessage delete(String userId, String channelId, long seq) {
        channels.requireMember(channelId, userId);
        List<Attachment> carried = Optional.ofNullable(messages.messagesAt(channelId, List.of(seq)).get(seq))
                .map(StoredMessage::attachments).orElse(List.of());
        StoredMessage tombstone = change(MessageChange.delete(channelId, seq, userId, channels.isOwner(channelId, userId),
                now()));
        if (tombstone.deleted()) {
            attachments.discard(carried);
        }
        return tombstone;
    }

    /** One page of what changed in a channel after a change cursor (a sync's changeCursors). */
    public ChangeStore.ChangesPage changesPage(String channelId, long afterChangeSeq, int limit) {
        ChangeStore.ChangesPage page = store.changesAfter(channelId, afterChangeSeq, limit);
        return new ChangeStore.ChangesPage(replies.fillIn(channelId, page.messages()), page.hasMore(), page.through());
    }

    private StoredMessage change(MessageChange change) {
        if (!limiter.tryAcquire(change.byUserId())) {
            throw new DomainException(ErrorCode.RATE_LIMITED, "too many changes; slow down");
        }
        ChangeStore.Changed changed = store.apply(change);
        StoredMessage message = replies.fillIn(change.channelId(), List.of(changed.message())).get(0);
        if (changed.stored()) {
            // Live to every member's devices (the author's too); a device that misses it gets it by sync.
            broker.deliver(channels.memberIds(change.channelId()), ChangedFrame.of(message));
        }
        return message;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
