package dev.parley.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.ChannelService;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.Ids;
import dev.parley.config.ParleyConfig;
import dev.parley.limits.SendRateLimiter;

/** Sending, history and catch-up. The checks and reads block (JDBC): call them from a worker thread, never an event loop. */
@ApplicationScoped
public class MessageService {

    static final int MAX_CLIENT_MSG_ID_LENGTH = 100;
    private static final int DEFAULT_PAGE_SIZE = 50;

    private final MessageStore store;
    private final SendPipeline pipeline;
    private final ChannelService channels;
    private final SendRateLimiter limiter;
    private final ParleyConfig config;

    MessageService(MessageStore store, SendPipeline pipeline, ChannelService channels, SendRateLimiter limiter,
            ParleyConfig config) {
        this.store = store;
        this.pipeline = pipeline;
        this.channels = channels;
        this.limiter = limiter;
        this.config = config;
    }

    /**
     * Checks a send and hands it on; the answer completes once it is durably stored (or found stored already: a
     * resend answers with the original whatever has changed since). Refusals found by the checks are thrown at
     * once; later ones fail the answer. Both are {@link DomainException}s. The checks block (JDBC): call this from
     * a worker thread; the answer completes on a writer's thread.
     */
    public CompletableFuture<StoredMessage> send(String senderId, String channelId, String clientMsgId, String text) {
        if (channelId == null || channelId.isBlank()) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "channelId is required");
        }
        if (clientMsgId == null || clientMsgId.isBlank() || clientMsgId.length() > MAX_CLIENT_MSG_ID_LENGTH) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "clientMsgId must be 1 to 100 characters");
        }
        MessageText.validate(text);
        // A resend is answered with the original whatever changed since (left the channel, spent the budget); the
        // store finds resends among the sends it is handed, so the history is read here only when about to refuse.
        if (!channels.isMember(channelId, senderId)) {
            return earlierOrRefuse(senderId, clientMsgId, ErrorCode.NOT_MEMBER, "you are not a member of this channel");
        }
        if (!limiter.tryAcquire(senderId)) {
            return earlierOrRefuse(senderId, clientMsgId, ErrorCode.RATE_LIMITED, "too many messages; slow down");
        }
        NewMessage message = new NewMessage(Ids.newId(), channelId, senderId, clientMsgId, text,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return pipeline.submit(message).thenApply(Appended::message);
    }

    private CompletableFuture<StoredMessage> earlierOrRefuse(String senderId, String clientMsgId, ErrorCode code,
            String why) {
        Optional<StoredMessage> earlier = store.findByClientMsgId(senderId, clientMsgId);
        if (earlier.isEmpty()) {
            throw new DomainException(code, why);
        }
        return CompletableFuture.completedFuture(earlier.get());
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
        if (afterSeq != null) {
            return store.after(channelId, afterSeq, size);
        }
        return beforeSeq != null ? store.before(channelId, beforeSeq, size) : store.latest(channelId, size);
    }

    /** The messages after each cursor, for the channels the user belongs to. */
    public SyncResult sync(String userId, Map<String, Long> cursors) {
        List<String> memberOf = channels.memberChannelIds(userId, cursors.keySet());
        int limit = config.messages().syncLimit();
        List<SyncResult.ChannelSync> found = new ArrayList<>();
        List<String> notMember = new ArrayList<>();
        for (Map.Entry<String, Long> cursor : cursors.entrySet()) {
            if (!memberOf.contains(cursor.getKey())) {
                notMember.add(cursor.getKey());
                continue;
            }
            HistoryPage page = store.after(cursor.getKey(), cursor.getValue(), limit);
            found.add(new SyncResult.ChannelSync(cursor.getKey(), page.messages(), page.hasMore()));
        }
        return new SyncResult(found, notMember);
    }
}
