package dev.parley.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.ChannelService;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.Ids;
import dev.parley.common.PlainText;
import dev.parley.config.ParleyConfig;
import dev.parley.limits.RateLimiter;
import dev.parley.limits.RateLimiters;
import dev.parley.media.Attachment;
import dev.parley.media.AttachmentService;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Sending, history and catch-up. The checks and reads block (JDBC): call them from a worker thread, never an event loop. */
@ApplicationScoped
public class MessageService {

    static final int MAX_CLIENT_MSG_ID_LENGTH = 100;
    private static final int DEFAULT_PAGE_SIZE = 50;

    private final MessageStore store;
    private final SendPipeline pipeline;
    private final ChannelService channels;
    /** Each user's sends, across all their connections and pods. */
    private final RateLimiter limiter;
    private final ParleyConfig config;
    /** Per sender, the last send not yet handed to the pipeline: the next one waits for it. */
    private final Map<String, CompletableFuture<?>> handingOn = new ConcurrentHashMap<>();
    private final SendsInFlight inFlight = new SendsInFlight();
    private final ReplyPreviews replies;
    private final AttachmentService attachments;

    MessageService(MessageStore store, SendPipeline pipeline, ChannelService channels, RateLimiters limiters,
            ParleyConfig config, ReplyPreviews replies, AttachmentService attachments) {
        this.replies = replies;
        this.attachments = attachments;
        this.store = store;
        this.pipeline = pipeline;
        this.channels = channels;
        this.limiter = limiters.create("send", config.limits().sendBurst(), config.limits().sendPerSecond());
        this.config = config;
    }

    /**
     * Checks a send and hands it on; the answer completes once it is durably stored (or found stored already: a
     * resend answers with the original whatever has changed since). Refusals found by the checks are thrown at
     * once; later ones (the rate limit) fail the answer. Both are {@link DomainException}s. The membership check
     * may block (JDBC on a cache miss): call this from a worker thread; nothing waits for the budget or the store.
     */
    public CompletableFuture<StoredMessage> send(String senderId, String channelId, String clientMsgId, String text) {
        return send(senderId, channelId, clientMsgId, new Content(text, null, List.of()));
    }

    /**
     * What a send says: its text ("" allowed when it carries attachments), the seq of the channel's message it
     * replies to (null: not a reply), the ids of the sender's ready attachments it carries (none: empty).
     */
    public record Content(String text, Long replyToSeq, List<String> attachmentIds) {
    }

    /**
     * The same, with what a send may carry besides its text. The original of a reply is read to check it and to
     * give the live frame its preview; attachments are read to check them (blocking reads, only when asked for).
     */
    public CompletableFuture<StoredMessage> send(String senderId, String channelId, String clientMsgId, Content content) {
        String text = content.text();
        Long replyToSeq = content.replyToSeq();
        if (channelId == null || channelId.isBlank()) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "channelId is required");
        }
        if (clientMsgId == null || clientMsgId.isBlank() || clientMsgId.length() > MAX_CLIENT_MSG_ID_LENGTH) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "clientMsgId must be 1 to 100 characters");
        }
        if (!PlainText.Validator.isPlain(clientMsgId)) {
            throw new DomainException(ErrorCode.BAD_REQUEST,
                    "clientMsgId must not contain control, bidi or invisible formatting characters");
        }
        MessageText.validate(text, !content.attachmentIds().isEmpty());
        // A resend is answered with the original whatever changed since (left the channel, spent the budget); the
        // store finds resends among the sends it is handed, so the history is read here only when about to refuse.
        if (!channels.isMember(channelId, senderId)) {
            return earlierOrRefuse(senderId, clientMsgId, ErrorCode.NOT_MEMBER, "you are not a member of this channel");
        }
        if (channels.isClosedByBlock(channelId)) {
            return earlierOrRefuse(senderId, clientMsgId, ErrorCode.BLOCKED, "a block closed this direct chat");
        }
        ReplyTo replyTo = null;
        if (replyToSeq != null) {
            try {
                replyTo = replies.original(channelId, replyToSeq);
            } catch (DomainException refused) { // a resend whose original was deleted since is still its ack
                return earlierOrRefuse(senderId, clientMsgId, refused.code(), refused.getMessage());
            }
        }
        List<Attachment> carried = List.of();
        if (!content.attachmentIds().isEmpty()) {
            try {
                carried = attachments.forMessage(senderId, channelId, content.attachmentIds());
            } catch (DomainException refused) { // a resend whose message was deleted since (its files with it)
                return earlierOrRefuse(senderId, clientMsgId, refused.code(), refused.getMessage());
            }
        }
        ReplyTo checkedReplyTo = replyTo;
        List<Attachment> checkedAttachments = carried;
        return inFlight.join(new SendsInFlight.Key(senderId, channelId, clientMsgId), () -> {
            NewMessage message = new NewMessage(Ids.newId(), channelId, senderId, clientMsgId, text,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), checkedReplyTo, checkedAttachments);
            return handOnInTurn(message, limiter.acquire(senderId)).thenCompose(stored -> stored);
        }).thenApply(stored -> sameChannel(stored, channelId));
    }

    /**
     * Hands the send to the pipeline once its budget is known, without waiting on a thread, and after the sender's
     * previous send on this pod was handed on: budget answers may come back out of order, a sender's sends must not.
     * An allowed send is handed on where the budget's answer arrives (a Redis event loop, maybe: the pipelines queue
     * without waiting); a refusal looks for an earlier copy of the send, which blocks, so it runs on a worker.
     */
    private CompletableFuture<CompletableFuture<StoredMessage>> handOnInTurn(NewMessage message,
            CompletableFuture<Boolean> allowed) {
        CompletableFuture<CompletableFuture<StoredMessage>> handedOn = new CompletableFuture<>();
        CompletableFuture<?> previous = handingOn.put(message.senderId(), handedOn);
        CompletableFuture<Boolean> ready = previous == null ? allowed
                : allowed.thenCombine(previous.handle((ignored, failure) -> null), (ok, ignored) -> ok);
        // The caller's trace, given to the pipeline explicitly: made current on the thread the answer arrives on, it
        // would sit in that thread's Vert.x context, which the socket's next frame may be changing at the same time
        // (a send then left its trace behind). Order holds: each runs after the previous one was handed on.
        Context trace = Context.current();
        ready.whenComplete((ok, failure) -> {
            if (failure == null && ok) {
                handedOn(message, handedOn, submit(message, trace));
            } else {
                trace.wrap(Infrastructure.getDefaultWorkerPool()).execute(() -> handedOn(message, handedOn,
                        failure != null ? CompletableFuture.failedFuture(failure) : refuseOverBudget(message)));
            }
        });
        return handedOn;
    }

    private void handedOn(NewMessage message, CompletableFuture<CompletableFuture<StoredMessage>> handedOn,
            CompletableFuture<StoredMessage> stored) {
        handedOn.complete(stored);
        handingOn.remove(message.senderId(), handedOn);
    }

    private CompletableFuture<StoredMessage> submit(NewMessage message, Context trace) {
        try {
            return pipeline.submit(message, trace).thenApply(Appended::message);
        } catch (RuntimeException refused) { // overloaded, say: this send fails, the next ones go on
            return CompletableFuture.failedFuture(refused);
        }
    }

    private CompletableFuture<StoredMessage> refuseOverBudget(NewMessage message) {
        try {
            return earlierOrRefuse(message.senderId(), message.clientMsgId(), ErrorCode.RATE_LIMITED,
                    "too many messages; slow down");
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    private CompletableFuture<StoredMessage> earlierOrRefuse(String senderId, String clientMsgId, ErrorCode code,
            String why) {
        Optional<StoredMessage> earlier = store.findByClientMsgId(senderId, clientMsgId);
        if (earlier.isEmpty()) {
            throw new DomainException(code, why);
        }
        return CompletableFuture.completedFuture(earlier.get());
    }

    /**
     * A clientMsgId is the sender's, whatever the channel: the store answers a send with the sender's earlier message
     * of that id. If that message is in another channel, this send is a new message under a used id, not a resend:
     * refused, naming the conflict, rather than acked with the other channel's message and its text dropped.
     */
    private static StoredMessage sameChannel(StoredMessage stored, String channelId) {
        if (!stored.channelId().equals(channelId)) {
            throw new DomainException(ErrorCode.CLIENT_MSG_ID_REUSED, "clientMsgId '" + stored.clientMsgId()
                    + "' already names your message " + stored.id() + " in channel " + stored.channelId()
                    + "; send a new message with a new clientMsgId");
        }
        return stored;
    }

    /** One page of a channel's history for a member; afterSeq and beforeSeq are exclusive and not to be combined. */
    public HistoryPage history(String userId, String channelId, Long afterSeq, Long beforeSeq, Integer limit) {
        channels.requireMember(channelId, userId);
        int max = config.messages().maxPageSize();
        int size = limit == null ? Math.min(DEFAULT_PAGE_SIZE, max) : limit;
        if (size < 1 || size > max) {
            throw new DomainException(ErrorCode.INVALID_LIMIT, "limit must be between 1 and " + max);
        }
        if (afterSeq != null && beforeSeq != null) {
            throw new DomainException(ErrorCode.INVALID_CURSOR, "give afterSeq or beforeSeq, not both");
        }
        if ((afterSeq != null && afterSeq < 0) || (beforeSeq != null && beforeSeq < 1)) {
            throw new DomainException(ErrorCode.INVALID_CURSOR, "afterSeq must be >= 0 and beforeSeq >= 1");
        }
        long maxChars = config.messages().maxPageChars();
        if (afterSeq != null) {
            return replies.fillIn(channelId, store.after(channelId, afterSeq, size).capped(maxChars, true));
        }
        HistoryPage page = beforeSeq != null ? store.before(channelId, beforeSeq, size) : store.latest(channelId, size);
        return replies.fillIn(channelId, page.capped(maxChars, false));
    }

    /** Which channels of a sync the user may read, with their cursors; the messages are read page by page after. */
    public SyncPlan planSync(String userId, Map<String, Long> cursors) {
        List<String> memberOf = channels.memberChannelIds(userId, cursors.keySet());
        Map<String, Long> readable = new java.util.LinkedHashMap<>();
        List<String> notMember = new ArrayList<>();
        cursors.forEach((channelId, afterSeq) -> {
            if (memberOf.contains(channelId)) {
                readable.put(channelId, afterSeq);
            } else {
                notMember.add(channelId);
            }
        });
        return new SyncPlan(readable, notMember);
    }

    /** One page of a sync: the messages just after the cursor. Blocking (the store). */
    public HistoryPage syncPage(String channelId, long afterSeq, int limit) {
        return replies.fillIn(channelId, store.after(channelId, afterSeq, limit));
    }
}
