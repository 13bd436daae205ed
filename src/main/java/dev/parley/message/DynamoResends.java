package dev.parley.message;

import static dev.parley.message.DynamoItems.number;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The client-id pointers ({@code senderId#clientMsgId} → channel and seq) that make a resend find its original:
 * looked up for a whole batch in one BatchGetItem (plus one for the slots they name). A pointer is written only by
 * the writer of the message it names, after or with the message, so the message in the slot named is the proof.
 */
final class DynamoResends {

    /** BatchGetItem takes at most 100 keys a call, BatchWriteItem 25 items. */
    private static final int MAX_KEYS = 100;
    private static final int MAX_WRITES = 25;

    private final DynamoDbAsyncClient dynamo;
    private final String messages;
    private final String clientIds;

    DynamoResends(DynamoDbAsyncClient dynamo, String messagesTable, String clientIdsTable) {
        this.dynamo = dynamo;
        this.messages = messagesTable;
        this.clientIds = clientIdsTable;
    }

    /** What a pointer names: its slot, and the message there if it is this send's (null: empty or another's). */
    record Earlier(String channelId, long seq, StoredMessage stored) {
    }

    static String key(NewMessage m) {
        return m.senderId() + "#" + m.clientMsgId();
    }

    /** The earlier attempts of a batch's sends, by {@link #key}. */
    CompletableFuture<Map<String, Earlier>> find(List<NewMessage> batch) {
        Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        batch.forEach(m -> keys.put(key(m), DynamoItems.pointerKey(m.senderId(), m.clientMsgId())));
        return getAll(clientIds, new ArrayList<>(keys.values())).thenCompose(pointers -> {
            if (pointers.isEmpty()) {
                return CompletableFuture.completedFuture(Map.of());
            }
            // A client id is the sender's, whatever the channel (as in the embedded store).
            List<Map<String, AttributeValue>> slots = pointers.stream()
                    .map(p -> DynamoItems.slotKey(p.get("channel_id").s(), number(p, "seq"))).distinct().toList();
            return getAll(messages, slots).thenApply(found -> {
                Map<String, StoredMessage> bySlot = new HashMap<>();
                found.forEach(item -> {
                    StoredMessage there = DynamoItems.message(item);
                    bySlot.put(there.channelId() + "#" + there.seq(), there);
                });
                Map<String, Earlier> earlier = new HashMap<>();
                for (Map<String, AttributeValue> pointer : pointers) {
                    String channelId = pointer.get("channel_id").s();
                    long seq = number(pointer, "seq");
                    StoredMessage there = bySlot.get(channelId + "#" + seq);
                    String key = pointer.get("key").s();
                    boolean same = there != null && key.equals(there.senderId() + "#" + there.clientMsgId());
                    earlier.put(key, new Earlier(channelId, seq, same ? there : null));
                }
                return earlier;
            });
        });
    }

    /** Rewrites the pointers of messages found stored (one may have been written without its pointer). */
    CompletableFuture<Void> repoint(List<StoredMessage> stored) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int from = 0; from < stored.size(); from += MAX_WRITES) {
            List<WriteRequest> puts = stored.subList(from, Math.min(stored.size(), from + MAX_WRITES)).stream()
                    .map(m -> DynamoItems.put(DynamoItems.pointerItem(m))).toList();
            writes.add(DynamoItems.batchWrite(dynamo, Map.of(clientIds, puts)));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /** BatchGetItem in calls of 100 keys, following up unprocessed keys until none are left. */
    private CompletableFuture<List<Map<String, AttributeValue>>> getAll(String table, List<Map<String, AttributeValue>> keys) {
        List<CompletableFuture<List<Map<String, AttributeValue>>>> calls = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            calls.add(get(table, keys.subList(from, Math.min(keys.size(), from + MAX_KEYS)), new ArrayList<>()));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            calls.forEach(call -> items.addAll(call.join()));
            return items;
        });
    }

    private CompletableFuture<List<Map<String, AttributeValue>>> get(String table, List<Map<String, AttributeValue>> keys,
            List<Map<String, AttributeValue>> found) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(found);
        }
        return dynamo.batchGetItem(BatchGetItemRequest.builder()
                .requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build())).build())
                .thenCompose(response -> {
                    found.addAll(response.responses().getOrDefault(table, List.of()));
                    KeysAndAttributes left = response.unprocessedKeys().get(table);
                    return get(table, left == null ? List.of() : left.keys(), found);
                });
    }
}
