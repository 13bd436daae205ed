package dev.parley.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.parley.config.ParleyConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Cluster adapter of {@link MessageStore}: history in DynamoDB, table {@code parley_messages} with partition key
 * {@code channel_id} and sort key {@code seq}, and the idempotency keys in {@code parley_client_ids}
 * ({@code key} = senderId#clientMsgId pointing at channel and seq).
 * <p>
 * Appends to a channel come from one writer at a time (the consumer owning its Kafka partition). A message is
 * put with {@code attribute_not_exists(seq)}, so a slot is never overwritten, even by a writer that lost its
 * partition and does not know it yet. The idempotency key is written first: if the process dies between the two
 * writes, the key points at an empty slot, which the redelivered send then fills; seqs stay gap-free.
 */
@ApplicationScoped
@Typed(DynamoMessageStore.class)
public class DynamoMessageStore implements MessageStore {

    private static final int MAX_SLOT_RACES = 5;

    private final DynamoDbClient dynamo;
    private final String messages;
    private final String clientIds;

    @jakarta.inject.Inject
    DynamoMessageStore(DynamoDbClient dynamo, ParleyConfig config) {
        this(dynamo, config.dynamodb().messagesTable(), config.dynamodb().clientIdsTable());
    }

    DynamoMessageStore(DynamoDbClient dynamo, String messagesTable, String clientIdsTable) {
        this.dynamo = dynamo;
        this.messages = messagesTable;
        this.clientIds = clientIdsTable;
    }

    @Override
    public Appended append(NewMessage m) {
        for (int race = 0; race < MAX_SLOT_RACES; race++) {
            Optional<StoredMessage> earlier = findByClientMsgId(m.senderId(), m.clientMsgId());
            if (earlier.isPresent()) {
                return new Appended(earlier.get(), true);
            }
            long seq = lastSeq(m.channelId()) + 1;
            StoredMessage stored = new StoredMessage(m.id(), m.channelId(), seq, m.senderId(), m.clientMsgId(), m.text(),
                    m.sentAt());
            Map<String, AttributeValue> item = toItem(stored);
            int size = DynamoItemSize.of(item);
            if (size > DynamoItemSize.MAX_ITEM_BYTES) {
                throw new IllegalArgumentException("Message item of " + size + " bytes exceeds DynamoDB's 400 KB");
            }
            dynamo.putItem(PutItemRequest.builder().tableName(clientIds).item(Map.of(
                    "key", s(clientKey(m.senderId(), m.clientMsgId())),
                    "channel_id", s(m.channelId()),
                    "seq", n(seq))).build());
            try {
                dynamo.putItem(PutItemRequest.builder().tableName(messages).item(item)
                        .conditionExpression("attribute_not_exists(seq)").build());
                return new Appended(stored, false);
            } catch (ConditionalCheckFailedException e) {
                // Another writer took this seq (a partition moved between pods): look again.
            }
        }
        throw new IllegalStateException("Could not find a free seq in channel " + m.channelId());
    }

    @Override
    public Optional<StoredMessage> findByClientMsgId(String senderId, String clientMsgId) {
        Map<String, AttributeValue> pointer = dynamo.getItem(GetItemRequest.builder().tableName(clientIds)
                .key(Map.of("key", s(clientKey(senderId, clientMsgId)))).consistentRead(true).build()).item();
        if (pointer == null || pointer.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(messages)
                .key(Map.of("channel_id", pointer.get("channel_id"), "seq", pointer.get("seq")))
                .consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty(); // the slot was never filled: the earlier attempt died between its two writes
        }
        StoredMessage stored = fromItem(item);
        // The pointer may be stale if its slot went to another message; only the message itself is proof.
        return stored.senderId().equals(senderId) && stored.clientMsgId().equals(clientMsgId) ? Optional.of(stored)
                : Optional.empty();
    }

    @Override
    public HistoryPage after(String channelId, long afterSeq, int limit) {
        List<StoredMessage> rows = query(channelId, "seq > :seq", afterSeq, true, limit + 1);
        return HistoryPage.fromAscending(rows, limit);
    }

    @Override
    public HistoryPage before(String channelId, long beforeSeq, int limit) {
        List<StoredMessage> rows = query(channelId, "seq < :seq", beforeSeq, false, limit + 1);
        return HistoryPage.fromDescending(rows, limit);
    }

    @Override
    public Map<String, Long> lastSeqs(Collection<String> channelIds) {
        Map<String, Long> result = new HashMap<>();
        for (String channelId : channelIds) {
            long last = lastSeq(channelId);
            if (last > 0) {
                result.put(channelId, last);
            }
        }
        return result;
    }

    private long lastSeq(String channelId) {
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(messages)
                .keyConditionExpression("channel_id = :c").expressionAttributeValues(Map.of(":c", s(channelId)))
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
                    .expressionAttributeValues(Map.of(":c", s(channelId), ":seq", n(seq)))
                    .scanIndexForward(ascending).limit(wanted - rows.size()).consistentRead(true)
                    .exclusiveStartKey(startKey).build());
            response.items().forEach(item -> rows.add(fromItem(item)));
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null && rows.size() < wanted);
        return rows;
    }

    static Map<String, AttributeValue> toItem(StoredMessage m) {
        return Map.of(
                "channel_id", s(m.channelId()),
                "seq", n(m.seq()),
                "id", s(m.id()),
                "sender_id", s(m.senderId()),
                "client_msg_id", s(m.clientMsgId()),
                "text", s(m.text()),
                "sent_at", n(m.sentAt().toEpochMilli()));
    }

    private static StoredMessage fromItem(Map<String, AttributeValue> item) {
        return new StoredMessage(item.get("id").s(), item.get("channel_id").s(), Long.parseLong(item.get("seq").n()),
                item.get("sender_id").s(), item.get("client_msg_id").s(), item.get("text").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("sent_at").n())));
    }

    private static String clientKey(String senderId, String clientMsgId) {
        return senderId + "#" + clientMsgId;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
