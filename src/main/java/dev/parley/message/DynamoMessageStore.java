package dev.parley.message;

import static dev.parley.message.DynamoItems.n;
import static dev.parley.message.DynamoItems.number;
import static dev.parley.message.DynamoItems.s;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.parley.config.ParleyConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Cluster adapter of {@link MessageStore}: history in DynamoDB, table {@code parley_messages} with partition key
 * {@code channel_id} and sort key {@code seq} (a channel's head at seq 0, its messages from seq 1), and the
 * idempotency keys in {@code parley_client_ids} ({@code key} = senderId#clientMsgId pointing at channel and seq).
 * Appends are the {@link DynamoChannelAppender}'s: one block per batch, fenced by the writer's epoch, on the async
 * client; reads use the sync client from worker threads.
 */
@ApplicationScoped
@Typed(DynamoMessageStore.class)
public class DynamoMessageStore implements MessageStore {

    private final DynamoDbClient dynamo;
    private final String messages;
    private final String clientIds;
    private final DynamoChannelAppender appender;

    @jakarta.inject.Inject
    DynamoMessageStore(DynamoDbClient dynamo, DynamoDbAsyncClient async, ParleyConfig config) {
        this(dynamo, async, config.dynamodb().messagesTable(), config.dynamodb().clientIdsTable(),
                config.messages().maxBatch(), config.dynamodb().channelTailsCacheSize(),
                config.dynamodb().reservationLease(), Clock.systemUTC());
    }

    DynamoMessageStore(DynamoDbClient dynamo, DynamoDbAsyncClient async, String messagesTable, String clientIdsTable,
            int maxBatch, int tailsCacheSize, Duration lease, Clock clock) {
        this.dynamo = dynamo;
        this.messages = messagesTable;
        this.clientIds = clientIdsTable;
        this.appender = new DynamoChannelAppender(async, messagesTable, clientIdsTable, maxBatch, tailsCacheSize, lease,
                clock);
    }

    /** For callers outside the sequencer (tests, tools): the lowest epoch, so any sequencer fences them off. */
    @Override
    public Appended append(NewMessage message) {
        return appendAll(List.of(message)).get(0);
    }

    @Override
    public List<Appended> appendAll(List<NewMessage> batch) {
        try {
            return appendAll(batch, 0).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public CompletableFuture<List<Appended>> appendAll(List<NewMessage> batch, long writerEpoch) {
        return appender.appendAll(batch, writerEpoch);
    }

    @Override
    public Map<String, CompletableFuture<List<Appended>>> appendAll(Map<String, List<NewMessage>> byChannel,
            long writerEpoch) {
        return appender.appendAll(byChannel, writerEpoch);
    }

    /** A new epoch, above every one handed out before (an atomic counter item; survives every pod). */
    @Override
    public long claimWriterEpoch() {
        return number(dynamo.updateItem(UpdateItemRequest.builder().tableName(clientIds)
                .key(Map.of("key", s(DynamoItems.EPOCH_COUNTER_KEY)))
                .updateExpression("ADD " + DynamoItems.EPOCH + " :one").expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW).build()).attributes(), DynamoItems.EPOCH);
    }

    @Override
    public Optional<StoredMessage> findByClientMsgId(String senderId, String clientMsgId) {
        Map<String, AttributeValue> pointer = dynamo.getItem(GetItemRequest.builder().tableName(clientIds)
                .key(DynamoItems.pointerKey(senderId, clientMsgId)).consistentRead(true).build()).item();
        if (pointer == null || pointer.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(messages)
                .key(Map.of("channel_id", pointer.get("channel_id"), "seq", pointer.get("seq")))
                .consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty(); // the slot was never filled: the earlier attempt died between its two writes
        }
        StoredMessage stored = DynamoItems.message(item);
        // The pointer may be stale if its slot went to another message; only the message itself is proof.
        return stored.senderId().equals(senderId) && stored.clientMsgId().equals(clientMsgId) ? Optional.of(stored)
                : Optional.empty();
    }

    @Override
    public Map<Long, StoredMessage> messagesAt(String channelId, Collection<Long> seqs) {
        return DynamoItems.messagesAt(dynamo, messages, channelId, seqs);
    }

    @Override
    public HistoryPage after(String channelId, long afterSeq, int limit) {
        List<StoredMessage> rows = query(channelId, "seq > :seq", afterSeq, true, limit + 1);
        return HistoryPage.fromAscending(rows, limit);
    }

    @Override
    public HistoryPage before(String channelId, long beforeSeq, int limit) {
        if (beforeSeq <= 1) {
            return HistoryPage.fromDescending(List.of(), limit);
        }
        // "between 1 and": the head lives at seq 0
        List<StoredMessage> rows = query(channelId, "seq between :one and :seq", beforeSeq - 1, false, limit + 1);
        return HistoryPage.fromDescending(rows, limit);
    }

    /** The heads of all the channels in BatchGetItem calls of 100; a channel without one is read the old way. */
    @Override
    public Map<String, Long> lastSeqs(Collection<String> channelIds) {
        Map<String, Long> result = new HashMap<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(channelIds));
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> DynamoItems.slotKey(id, DynamoItems.HEAD_SEQ)).toList();
            Map<String, KeysAndAttributes> wanted = Map.of(messages,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!wanted.isEmpty()) {
                BatchGetItemResponse response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(wanted).build());
                response.responses().getOrDefault(messages, List.of())
                        .forEach(head -> result.put(head.get("channel_id").s(), number(head, DynamoItems.LAST_SEQ)));
                wanted = response.unprocessedKeys();
            }
        }
        for (String channelId : ids) {
            if (!result.containsKey(channelId)) {
                result.put(channelId, lastStoredSeq(channelId));
            }
        }
        result.values().removeIf(last -> last == 0);
        return result;
    }

    private long lastStoredSeq(String channelId) {
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(messages)
                .keyConditionExpression("channel_id = :c and seq > :head")
                .expressionAttributeValues(Map.of(":c", s(channelId), ":head", n(DynamoItems.HEAD_SEQ)))
                .scanIndexForward(false).limit(1).projectionExpression("seq").consistentRead(true).build());
        return response.items().isEmpty() ? 0 : Long.parseLong(response.items().get(0).get("seq").n());
    }

    /** Reads until {@code wanted} items: DynamoDB returns at most 1 MB a call, a few large messages' worth. */
    private List<StoredMessage> query(String channelId, String seqCondition, long seq, boolean ascending, int wanted) {
        List<StoredMessage> rows = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(messages)
                    .keyConditionExpression("channel_id = :c and " + seqCondition)
                    .expressionAttributeValues(seqCondition.contains(":one")
                            ? Map.of(":c", s(channelId), ":seq", n(seq), ":one", n(1))
                            : Map.of(":c", s(channelId), ":seq", n(seq)))
                    .scanIndexForward(ascending).limit(wanted - rows.size()).consistentRead(true)
                    .exclusiveStartKey(startKey).build());
            response.items().forEach(item -> rows.add(DynamoItems.message(item)));
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null && rows.size() < wanted);
        return rows;
    }

}
