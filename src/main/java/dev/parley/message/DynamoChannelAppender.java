package dev.parley.message;

import static dev.parley.message.DynamoItems.EPOCH;
import static dev.parley.message.DynamoItems.HEAD_SEQ;
import static dev.parley.message.DynamoItems.LAST_SEQ;
import static dev.parley.message.DynamoItems.RESERVED_AT;
import static dev.parley.message.DynamoItems.n;
import static dev.parley.message.DynamoItems.number;
import static dev.parley.message.DynamoItems.s;
import static dev.parley.message.DynamoItems.slotKey;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.message.DynamoResends.Earlier;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB write path: a channel's waiting sends stored as one block, without a thread waiting on any call.
 * <p>
 * Per batch: one BatchGetItem finds resends (client-id pointers); one conditional UpdateItem of the channel's head
 * (seq 0) reserves the block's seqs and stamps the reservation's time, on the condition that the head still says
 * what this writer last saw and that no writer of a later epoch has written since (fencing: a pod that lost the
 * channel's partition cannot reserve); then the messages and their pointers go out in BatchWriteItem calls of 25,
 * all at once. A block is its reserver's alone: nobody else writes into it while its lease runs, and its reserver
 * does not start writing once half the lease is gone (it fails the batch instead, and the sends are retried), so
 * unconditional batch writes are safe.
 * <p>
 * A writer that dies between reserving and writing leaves holes. The next writer (a new epoch, or this one after a
 * failure) reads the last blocks below the head before it writes: it rewrites the pointers of the messages there (a
 * message may have been written without its pointer), waits for a foreign block's lease to end if that block has
 * holes, then fills the holes first (conditional puts), so the sequence stays gap-free.
 * <p>
 * What this writer knows of each channel's tail is kept in memory for its epoch and dropped on any failure.
 */
final class DynamoChannelAppender {

    /** BatchWriteItem takes at most 25 items a call: a message and its pointer are two. */
    private static final int MESSAGES_PER_WRITE = 12;
    /** Holes can only be in the last blocks reserved; a block is at most the sequencer's batch. */
    private final int probeDepth;
    private final Duration lease;
    private final Clock clock;
    private final DynamoDbAsyncClient dynamo;
    private final String messages;
    private final String clientIds;
    private final DynamoResends resends;
    private final Cache<String, ChannelTail> tails;

    DynamoChannelAppender(DynamoDbAsyncClient dynamo, String messagesTable, String clientIdsTable, int maxBatch,
            int tailsCacheSize, Duration lease, Clock clock) {
        this.dynamo = dynamo;
        this.messages = messagesTable;
        this.clientIds = clientIdsTable;
        this.lease = lease;
        this.clock = clock;
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
        return appendAll(Map.of(channelId, batch), epoch).get(channelId);
    }

    /**
     * Blocks of several channels at once, sharing their DynamoDB calls: one pointers lookup for all, one head update
     * per channel, batch writes filled across channels. Each channel's answer completes (or fails) on its own.
     */
    Map<String, CompletableFuture<List<Appended>>> appendAll(Map<String, List<NewMessage>> batches, long epoch) {
        Map<String, CompletableFuture<ChannelTail>> tailsRead = new LinkedHashMap<>();
        batches.forEach((channelId, batch) -> {
            try {
                batch.forEach(DynamoChannelAppender::checkSize);
                tailsRead.put(channelId, tail(channelId, epoch));
            } catch (RuntimeException e) {
                tailsRead.put(channelId, CompletableFuture.failedFuture(e));
            }
        });
        // Pointers are looked up once every tail is read: reading a tail may rewrite pointers.
        CompletableFuture<Map<String, Earlier>> earlier = settled(tailsRead.values()).thenCompose(ignored -> resends.find(
                batches.entrySet().stream().filter(b -> !tailsRead.get(b.getKey()).isCompletedExceptionally())
                        .flatMap(b -> b.getValue().stream()).toList()));
        Map<String, CompletableFuture<Reserved>> reserved = new LinkedHashMap<>();
        tailsRead.forEach((channelId, tail) -> reserved.put(channelId, tail.thenCombine(earlier,
                (known, found) -> new Reserved(known, BlockPlan.of(batches.get(channelId), known, found), clock.millis()))
                .thenCompose(block -> block.plan().placements().isEmpty() ? CompletableFuture.completedFuture(block)
                        : reserve(block.tail(), block.plan(), epoch, block.reservedAt()).thenApply(ignored -> block))));
        // The writes start once every head is settled, so one batch write can carry several channels' messages.
        CompletableFuture<Map<String, CompletableFuture<Void>>> written = settled(reserved.values())
                .thenApply(ignored -> write(reserved));
        Map<String, CompletableFuture<List<Appended>>> answers = new LinkedHashMap<>();
        reserved.forEach((channelId, block) -> answers.put(channelId, block
                .thenCompose(ready -> written.thenCompose(writes -> writes.get(channelId)).thenApply(ignored -> {
                    tails.put(channelId, ready.plan().tailAfter());
                    return ready.plan().answers();
                }))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        tails.invalidate(channelId); // re-read the head and look for holes next time
                    }
                })));
        return answers;
    }

    /** A channel's tail as read, the block planned on it, and when its head was moved (its lease starts). */
    private record Reserved(ChannelTail tail, BlockPlan plan, long reservedAt) {
    }

    /** Completes when all have completed, whether or not they failed. */
    private static CompletableFuture<Void> settled(java.util.Collection<? extends CompletableFuture<?>> all) {
        return CompletableFuture.allOf(all.stream().map(f -> f.handle((value, failure) -> null))
                .toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<ChannelTail> tail(String channelId, long epoch) {
        ChannelTail known = tails.getIfPresent(channelId);
        if (known != null && known.epoch() == epoch) {
            return CompletableFuture.completedFuture(known);
        }
        return dynamo.getItem(GetItemRequest.builder().tableName(messages).key(slotKey(channelId, HEAD_SEQ))
                .consistentRead(true).build()).thenCompose(response -> {
                    Map<String, AttributeValue> head = response.item();
                    boolean exists = head != null && !head.isEmpty();
                    long headEpoch = number(head, EPOCH);
                    if (headEpoch > epoch) {
                        throw new WriterFenced(channelId, epoch, headEpoch);
                    }
                    CompletableFuture<Long> last = exists ? CompletableFuture.completedFuture(number(head, LAST_SEQ))
                            : lastStoredSeq(channelId); // a channel written before heads existed
                    return last.thenCompose(lastSeq -> lastBlocks(channelId, lastSeq).thenCompose(found -> {
                        long leaseEnds = number(head, RESERVED_AT) + lease.toMillis();
                        long wait = leaseEnds - clock.millis();
                        if (!found.holes().isEmpty() && wait > 0) {
                            // The last block may still be being written by its reserver: let its lease run out.
                            return CompletableFuture.runAsync(() -> {
                            }, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                                    .thenCompose(ignored -> tail(channelId, epoch));
                        }
                        return resends.repoint(found.present())
                                .thenApply(ignored -> new ChannelTail(epoch, exists, lastSeq, found.holes()));
                    }));
                });
    }

    /** What the last blocks below the head hold: the messages there and the seqs nobody filled. */
    private record LastBlocks(List<StoredMessage> present, List<Long> holes) {
    }

    private CompletableFuture<LastBlocks> lastBlocks(String channelId, long lastSeq) {
        if (lastSeq == 0) {
            return CompletableFuture.completedFuture(new LastBlocks(List.of(), List.of()));
        }
        long from = Math.max(1, lastSeq - probeDepth + 1);
        return queryAll(QueryRequest.builder().tableName(messages)
                .keyConditionExpression("channel_id = :c and seq between :from and :to")
                .expressionAttributeValues(Map.of(":c", s(channelId), ":from", n(from), ":to", n(lastSeq)))
                .projectionExpression("channel_id, seq, id, sender_id, client_msg_id, sent_at").consistentRead(true)
                .build(), new ArrayList<>()).thenApply(items -> {
                    Set<Long> seqs = new HashSet<>();
                    List<StoredMessage> present = new ArrayList<>();
                    for (Map<String, AttributeValue> item : items) {
                        seqs.add(number(item, "seq"));
                        present.add(DynamoItems.messageWithoutText(item));
                    }
                    List<Long> missing = new ArrayList<>();
                    for (long seq = from; seq <= lastSeq; seq++) {
                        if (!seqs.contains(seq)) {
                            missing.add(seq);
                        }
                    }
                    return new LastBlocks(present, missing);
                });
    }

    private CompletableFuture<List<Map<String, AttributeValue>>> queryAll(QueryRequest request,
            List<Map<String, AttributeValue>> found) {
        return dynamo.query(request).thenCompose(response -> {
            found.addAll(response.items());
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return CompletableFuture.completedFuture(found);
            }
            return queryAll(request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build(), found);
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
    private CompletableFuture<Void> reserve(ChannelTail tail, BlockPlan plan, long epoch, long reservedAt) {
        String channelId = plan.placements().get(0).stored().channelId();
        UpdateItemRequest.Builder update = UpdateItemRequest.builder().tableName(messages)
                .key(slotKey(channelId, HEAD_SEQ))
                .updateExpression("SET " + LAST_SEQ + " = :last, " + EPOCH + " = :epoch, " + RESERVED_AT + " = :at")
                .returnValues(ReturnValue.NONE);
        if (tail.headExists()) {
            update.conditionExpression(LAST_SEQ + " = :seen AND " + EPOCH + " <= :epoch")
                    .expressionAttributeValues(Map.of(":last", n(plan.tailAfter().lastSeq()), ":epoch", n(epoch),
                            ":seen", n(tail.lastSeq()), ":at", n(reservedAt)));
        } else {
            update.conditionExpression("attribute_not_exists(" + LAST_SEQ + ")")
                    .expressionAttributeValues(Map.of(":last", n(plan.tailAfter().lastSeq()), ":epoch", n(epoch),
                            ":at", n(reservedAt)));
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

    /**
     * The writes of every channel whose head moved: holes (below its old head) with conditional puts, new seqs in
     * batch writes shared across channels. Writes start only while at least half of the lease is left. Answers when
     * each channel's writes are done.
     */
    private Map<String, CompletableFuture<Void>> write(Map<String, CompletableFuture<Reserved>> reserved) {
        Map<String, CompletableFuture<Void>> done = new HashMap<>();
        long now = clock.millis();
        Map<String, List<CompletableFuture<?>>> writesOf = new HashMap<>();
        List<BlockPlan.Placement> fresh = new ArrayList<>();
        reserved.forEach((channelId, block) -> {
            if (block.isCompletedExceptionally()) {
                return; // its own answer carries the failure
            }
            Reserved ready = block.join();
            if (now - ready.reservedAt() > lease.toMillis() / 2 && !ready.plan().placements().isEmpty()) {
                done.put(channelId, CompletableFuture.failedFuture(new StaleTail(channelId)));
                return;
            }
            List<CompletableFuture<?>> writes = writesOf.computeIfAbsent(channelId, c -> new ArrayList<>());
            for (BlockPlan.Placement p : ready.plan().placements()) {
                if (p.stored().seq() <= ready.tail().lastSeq()) {
                    writes.add(fillHole(p));
                } else {
                    fresh.add(p);
                }
            }
        });
        for (int from = 0; from < fresh.size(); from += MESSAGES_PER_WRITE) {
            List<BlockPlan.Placement> chunk = fresh.subList(from, Math.min(fresh.size(), from + MESSAGES_PER_WRITE));
            List<WriteRequest> messageWrites = new ArrayList<>();
            List<WriteRequest> pointerWrites = new ArrayList<>();
            for (BlockPlan.Placement p : chunk) {
                messageWrites.add(DynamoItems.put(DynamoItems.messageItem(p.stored())));
                pointerWrites.add(DynamoItems.put(DynamoItems.pointerItem(p.stored())));
            }
            CompletableFuture<Void> call = DynamoItems.batchWrite(dynamo, Map.of(messages, messageWrites, clientIds, pointerWrites));
            chunk.stream().map(p -> p.stored().channelId()).distinct()
                    .forEach(channelId -> writesOf.get(channelId).add(call));
        }
        writesOf.forEach((channelId, writes) -> done.put(channelId,
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))));
        reserved.keySet().forEach(channelId -> done.putIfAbsent(channelId, CompletableFuture.completedFuture(null)));
        return done;
    }

    /** Into a hole: only if nobody filled it meanwhile, and the pointer only once the message is there. */
    private CompletableFuture<Void> fillHole(BlockPlan.Placement p) {
        return dynamo.putItem(PutItemRequest.builder().tableName(messages).item(DynamoItems.messageItem(p.stored()))
                .conditionExpression("attribute_not_exists(seq)").build())
                .thenCompose(ignored -> dynamo.putItem(PutItemRequest.builder().tableName(clientIds)
                        .item(DynamoItems.pointerItem(p.stored())).build()))
                .thenApply(ignored -> null);
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
        StoredMessage largest = StoredMessage.of(m, Long.MAX_VALUE);
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
