package dev.parley.message;

import static dev.parley.message.DynamoItems.EPOCH;
import static dev.parley.message.DynamoItems.HEAD_SEQ;
import static dev.parley.message.DynamoItems.LAST_SEQ;
import static dev.parley.message.DynamoItems.n;
import static dev.parley.message.DynamoItems.number;
import static dev.parley.message.DynamoItems.s;
import static dev.parley.message.DynamoItems.slotKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The DynamoDB write path: a channel's waiting sends stored as one block, without a thread waiting on any call.
 * <p>
 * Per batch: one BatchGetItem finds resends (client-id pointers); one conditional UpdateItem of the channel's head
 * (seq 0) reserves the block's seqs, on the condition that the head still says what this writer last saw and that
 * no writer of a later epoch has written since (fencing: a pod that lost the channel's partition cannot reserve);
 * then the pointers, then the messages, each put in parallel and each on the condition that it is not there yet, so
 * no slot and no client id is ever written twice. A writer that dies between reserving and writing leaves holes in
 * its block; the next writer (a new epoch, or this one after a failure) looks for holes below the head before it
 * writes and fills them first, so the sequence stays gap-free.
 * <p>
 * What this writer knows of each channel's tail is kept in memory for its epoch and dropped on any failure.
 */
final class DynamoChannelAppender {

    /** Holes can only be in the last blocks reserved; a block is at most the sequencer's batch. */
    private final int probeDepth;
    private final DynamoDbAsyncClient dynamo;
    private final String messages;
    private final DynamoResends resends;
    private final Cache<String, ChannelTail> tails;

    DynamoChannelAppender(DynamoDbAsyncClient dynamo, String messagesTable, String clientIdsTable, int maxBatch,
            int tailsCacheSize) {
        this.dynamo = dynamo;
        this.messages = messagesTable;
        this.probeDepth = 2 * maxBatch;
        this.resends = new DynamoResends(dynamo, messagesTable, clientIdsTable);
        this.tails = Caffeine.newBuilder().maximumSize(tailsCacheSize).build();
    }

    /** Messages of one channel, by the writer of the given epoch; one call per channel at a time. */
    CompletableFuture<List<Appended>> appendAll(List<NewMessage> batch, long epoch) {
        String channelId = batch.get(0).channelId();
        if (batch.stream().anyMatch(m -> !m.channelId().equals(channelId))) {
            throw new IllegalArgumentException("appendAll takes messages of one channel");
        }
        batch.forEach(DynamoChannelAppender::checkSize);
        return tail(channelId, epoch)
                .thenCompose(tail -> resends.find(batch).thenCompose(earlier -> {
                    BlockPlan plan = BlockPlan.of(batch, tail, earlier);
                    if (plan.placements().isEmpty()) {
                        return CompletableFuture.completedFuture(plan.answers());
                    }
                    return reserve(tail, plan, epoch)
                            .thenCompose(ignored -> resends.pointTo(plan.placements()))
                            .thenCompose(ignored -> putMessages(plan.placements()))
                            .thenApply(ignored -> {
                                tails.put(channelId, plan.tailAfter());
                                return plan.answers();
                            });
                }))
                .whenComplete((answers, failure) -> {
                    if (failure != null) {
                        tails.invalidate(channelId); // re-read the head and look for holes next time
                    }
                });
    }

    private CompletableFuture<ChannelTail> tail(String channelId, long epoch) {
        ChannelTail known = tails.getIfPresent(channelId);
        if (known != null && known.epoch() == epoch) {
            return CompletableFuture.completedFuture(known);
        }
        return dynamo.getItem(GetItemRequest.builder().tableName(messages).key(slotKey(channelId, HEAD_SEQ))
                .consistentRead(true).build()).thenCompose(response -> {
                    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> head = response.item();
                    boolean exists = head != null && !head.isEmpty();
                    long headEpoch = number(head, EPOCH);
                    if (headEpoch > epoch) {
                        throw new WriterFenced(channelId, epoch, headEpoch);
                    }
                    CompletableFuture<Long> last = exists ? CompletableFuture.completedFuture(number(head, LAST_SEQ))
                            : lastStoredSeq(channelId); // a channel written before heads existed
                    return last.thenCompose(lastSeq -> holes(channelId, lastSeq)
                            .thenApply(holes -> new ChannelTail(epoch, exists, lastSeq, holes)));
                });
    }

    /** Seqs at or below the head, within the last blocks, that no message fills. */
    private CompletableFuture<List<Long>> holes(String channelId, long lastSeq) {
        if (lastSeq == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        long from = Math.max(1, lastSeq - probeDepth + 1);
        return dynamo.query(QueryRequest.builder().tableName(messages)
                .keyConditionExpression("channel_id = :c and seq between :from and :to")
                .expressionAttributeValues(Map.of(":c", s(channelId), ":from", n(from), ":to", n(lastSeq)))
                .projectionExpression("seq").consistentRead(true).build()).thenApply(response -> {
                    java.util.Set<Long> present = new java.util.HashSet<>();
                    response.items().forEach(item -> present.add(number(item, "seq")));
                    List<Long> missing = new ArrayList<>();
                    for (long seq = from; seq <= lastSeq; seq++) {
                        if (!present.contains(seq)) {
                            missing.add(seq);
                        }
                    }
                    return missing;
                });
    }

    private CompletableFuture<Long> lastStoredSeq(String channelId) {
        return dynamo.query(QueryRequest.builder().tableName(messages)
                .keyConditionExpression("channel_id = :c and seq > :head")
                .expressionAttributeValues(Map.of(":c", s(channelId), ":head", n(HEAD_SEQ)))
                .scanIndexForward(false).limit(1).projectionExpression("seq").consistentRead(true).build())
                .thenApply(response -> response.items().isEmpty() ? 0L : number(response.items().get(0), "seq"));
    }

    /** The fencing write: moves the head to the block's end if nobody wrote since and no later epoch has written. */
    private CompletableFuture<Void> reserve(ChannelTail tail, BlockPlan plan, long epoch) {
        String channelId = plan.placements().get(0).stored().channelId();
        UpdateItemRequest.Builder update = UpdateItemRequest.builder().tableName(messages)
                .key(slotKey(channelId, HEAD_SEQ))
                .updateExpression("SET " + LAST_SEQ + " = :last, " + EPOCH + " = :epoch")
                .returnValues(ReturnValue.NONE);
        if (tail.headExists()) {
            update.conditionExpression(LAST_SEQ + " = :seen AND " + EPOCH + " <= :epoch")
                    .expressionAttributeValues(Map.of(":last", n(plan.tailAfter().lastSeq()), ":epoch", n(epoch),
                            ":seen", n(tail.lastSeq())));
        } else {
            update.conditionExpression("attribute_not_exists(" + LAST_SEQ + ")")
                    .expressionAttributeValues(Map.of(":last", n(plan.tailAfter().lastSeq()), ":epoch", n(epoch)));
        }
        return dynamo.updateItem(update.build()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof ConditionalCheckFailedException) {
                    throw new StaleTail(channelId);
                }
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            return null;
        });
    }

    private CompletableFuture<Void> putMessages(List<BlockPlan.Placement> placements) {
        CompletableFuture<?>[] puts = placements.stream()
                .map(p -> dynamo.putItem(PutItemRequest.builder().tableName(messages)
                        .item(DynamoItems.messageItem(p.stored())).conditionExpression("attribute_not_exists(seq)")
                        .build()))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(puts);
    }

    /** What a writer knows of a channel in its epoch: the head's last seq and the holes below it. */
    record ChannelTail(long epoch, boolean headExists, long lastSeq, List<Long> holes) {
    }

    /** Another writer moved the head since this one read it: read again and retry. */
    static final class StaleTail extends RuntimeException {
        StaleTail(String channelId) {
            super("The head of channel " + channelId + " moved under this writer", null, false, false);
        }
    }

    /** A writer of a later epoch owns the channel now: this one must not write. */
    static final class WriterFenced extends RuntimeException {
        WriterFenced(String channelId, long epoch, long headEpoch) {
            super("Channel " + channelId + " is written by epoch " + headEpoch + ", this writer is epoch " + epoch,
                    null, false, false);
        }
    }

    /** Checked before anything is written: a message too big for one item must not reserve a seq. */
    private static void checkSize(NewMessage m) {
        StoredMessage largest = new StoredMessage(m.id(), m.channelId(), Long.MAX_VALUE, m.senderId(), m.clientMsgId(),
                m.text(), m.sentAt());
        int size = DynamoItemSize.of(DynamoItems.messageItem(largest));
        if (size > DynamoItemSize.MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("Message item of " + size + " bytes exceeds DynamoDB's 400 KB");
        }
    }

    static Optional<Throwable> causeOf(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return Optional.ofNullable(cause);
    }
}
