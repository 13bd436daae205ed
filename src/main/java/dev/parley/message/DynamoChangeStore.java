package dev.parley.message;

import static dev.parley.message.DynamoItems.CHANGE_SEQ;
import static dev.parley.message.DynamoItems.DELETED_AT;
import static dev.parley.message.DynamoItems.EDITED_AT;
import static dev.parley.message.DynamoItems.n;
import static dev.parley.message.DynamoItems.number;
import static dev.parley.message.DynamoItems.s;
import static dev.parley.message.DynamoItems.slotKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.config.ParleyConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Cluster adapter of {@link ChangeStore}. A channel's changes are a log in its own partition of the messages table,
 * change n at seq -n, and each message item holds its state after its last change ({@code change_seq}).
 * <p>
 * DynamoDB (and dynalite) offers no transaction here, so a change is three writes made safe by their order: (1) the
 * log record, put on the condition that slot -n is free, which numbers changes gap-free whoever writes them (two
 * pods racing for n: one wins, the other reads again and takes n + 1; no partition ownership is needed); (2) the
 * message rewritten to the record's state, on the condition that it holds an earlier change; (3) an edit's text
 * removed from the record, so a later deletion leaves no copy. A writer that dies after (1) leaves the channel's
 * last record unsettled: every writer and reader settles the last record first (steps 2 and 3 again, idempotent),
 * so at most one record is ever unsettled and nobody reads a state behind the log.
 */
@ApplicationScoped
@Typed(DynamoChangeStore.class)
public class DynamoChangeStore implements ChangeStore {

    private static final int ATTEMPTS = 20;
    private static final String TARGET_SEQ = "target_seq";
    private static final String KIND = "kind";
    private static final String BY = "by";
    private static final String AT = "at";
    private static final String EMOJI = "emoji";

    private final DynamoDbClient dynamo;
    private final String messages;

    @jakarta.inject.Inject
    DynamoChangeStore(DynamoDbClient dynamo, ParleyConfig config) {
        this(dynamo, config.dynamodb().messagesTable());
    }

    DynamoChangeStore(DynamoDbClient dynamo, String messagesTable) {
        this.dynamo = dynamo;
        this.messages = messagesTable;
    }

    @Override
    public Changed apply(MessageChange change) {
        if (change.seq() < 1) {
            throw notFound();
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> last = settledLastChange(change.channelId());
            StoredMessage target = message(change.channelId(), change.seq()).orElseThrow(DynamoChangeStore::notFound);
            if (!change.appliesTo(target)) {
                return new Changed(target, false);
            }
            long changeSeq = last.map(DynamoChangeStore::changeSeqOf).orElse(0L) + 1;
            StoredMessage after = change.applyTo(target, changeSeq);
            refuseOversize(change, after);
            Map<String, AttributeValue> record = record(change, changeSeq);
            try {
                dynamo.putItem(PutItemRequest.builder().tableName(messages).item(record)
                        .conditionExpression("attribute_not_exists(seq)").build());
            } catch (ConditionalCheckFailedException raced) {
                pause(attempt); // another change of the channel took this number: read again
                continue;
            }
            settle(record);
            return new Changed(after, true);
        }
        throw new DomainException(ErrorCode.OVERLOADED, "too many changes to this channel at once; try again");
    }

    /**
     * Checked before the record is written: a message item past DynamoDB's 400 KB could never be settled, and its
     * record would then block every later change of the channel. Only a message near the limit meets this (a
     * 100,000-character text of 4-byte characters with many reactions).
     */
    private static void refuseOversize(MessageChange change, StoredMessage after) {
        int size = DynamoItemSize.of(DynamoItems.stateItem(after));
        if (size > DynamoItemSize.MAX_ITEM_BYTES) {
            throw change.kind() == MessageChange.Kind.EDIT
                    ? new DomainException(ErrorCode.TOO_LARGE, "the edited message would not fit in storage; shorten it")
                    : new DomainException(ErrorCode.TOO_MANY_REACTIONS, "this message has no room for more reactions");
        }
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.MESSAGE_NOT_FOUND, "no message with this seq in this channel");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while changing a message", e);
        }
    }

    private static Map<String, AttributeValue> record(MessageChange change, long changeSeq) {
        Map<String, AttributeValue> record = new HashMap<>(Map.of("channel_id", s(change.channelId()),
                "seq", n(-changeSeq), TARGET_SEQ, n(change.seq()), KIND, s(change.kind().name()),
                BY, s(change.byUserId()), AT, n(change.at().toEpochMilli())));
        if (change.kind() == MessageChange.Kind.EDIT) {
            record.put("text", s(change.text())); // until settled: removed once the message holds it
        }
        if (change.emoji() != null) {
            record.put(EMOJI, s(change.emoji()));
        }
        return record;
    }

    private static long changeSeqOf(Map<String, AttributeValue> record) {
        return -number(record, "seq");
    }

    /** The channel's last change record, settled. */
    private Optional<Map<String, AttributeValue>> settledLastChange(String channelId) {
        List<Map<String, AttributeValue>> items = dynamo.query(QueryRequest.builder().tableName(messages)
                .keyConditionExpression("channel_id = :c and seq < :zero")
                .expressionAttributeValues(Map.of(":c", s(channelId), ":zero", n(0)))
                .scanIndexForward(true).limit(1).consistentRead(true).build()).items();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> last = items.get(0);
        settle(last); // idempotent; an edit whose record lost its text returns at once
        return Optional.of(last);
    }

    /**
     * Steps 2 and 3 of a change: the message takes the record's effect (unless it holds a later change, which was
     * written only once this one had taken effect), then the record drops its text.
     */
    private void settle(Map<String, AttributeValue> record) {
        long changeSeq = changeSeqOf(record);
        MessageChange.Kind kind = MessageChange.Kind.valueOf(record.get(KIND).s());
        String channelId = record.get("channel_id").s();
        long targetSeq = number(record, TARGET_SEQ);
        if (kind == MessageChange.Kind.EDIT && !record.containsKey("text")) {
            return; // settled: the text was removed only after the message took it
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", n(changeSeq)));
        Map<String, String> names = new HashMap<>();
        String update = switch (kind) {
            case EDIT -> {
                values.put(":text", record.get("text"));
                values.put(":at", record.get(AT));
                names.put("#text", "text"); // a reserved word
                yield "SET #text = :text, " + EDITED_AT + " = :at, " + CHANGE_SEQ + " = :n";
            }
            case DELETE -> {
                values.put(":at", record.get(AT));
                names.put("#text", "text");
                StringBuilder removed = new StringBuilder("REMOVE #text, " + DynamoItems.ATTACHMENTS);
                int i = 0;
                for (String reaction : reactionAttributes(channelId, targetSeq)) {
                    names.put("#r" + i, reaction);
                    removed.append(", #r").append(i++);
                }
                yield "SET " + DELETED_AT + " = :at, " + CHANGE_SEQ + " = :n " + removed;
            }
            case REACT, UNREACT -> {
                values.put(":user", AttributeValue.builder().ss(record.get(BY).s()).build());
                names.put("#r", DynamoItems.REACTION_PREFIX + record.get(EMOJI).s());
                // String sets: adding or deleting a user twice is the same as once; an emptied set disappears.
                yield (kind == MessageChange.Kind.REACT ? "ADD" : "DELETE") + " #r :user SET " + CHANGE_SEQ + " = :n";
            }
        };
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(messages).key(slotKey(channelId, targetSeq))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(seq) AND (attribute_not_exists(" + CHANGE_SEQ + ") OR "
                            + CHANGE_SEQ + " < :n)")
                    .expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(values).build());
        } catch (ConditionalCheckFailedException alreadyThere) {
            // settled before, or a later change is there already
        }
        if (kind == MessageChange.Kind.EDIT) {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(messages)
                    .key(slotKey(channelId, number(record, "seq"))).updateExpression("REMOVE #text")
                    .expressionAttributeNames(Map.of("#text", "text")).build());
        }
    }

    /** The names of a message's reaction attributes: a deletion removes them all. */
    private List<String> reactionAttributes(String channelId, long seq) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(messages)
                .key(slotKey(channelId, seq)).consistentRead(true).build()).item();
        return item == null ? List.of()
                : item.keySet().stream().filter(name -> name.startsWith(DynamoItems.REACTION_PREFIX)).toList();
    }

    private Optional<StoredMessage> message(String channelId, long seq) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(messages)
                .key(slotKey(channelId, seq)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DynamoItems.message(item));
    }

    @Override
    public ChangesPage changesAfter(String channelId, long afterChangeSeq, int limit) {
        settledLastChange(channelId); // so the page below reads no state behind its change
        // Change n is at seq -n: the changes after the cursor, oldest first, are the seqs below -cursor, descending.
        List<Map<String, AttributeValue>> records = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var response = dynamo.query(QueryRequest.builder().tableName(messages)
                    .keyConditionExpression("channel_id = :c and seq < :after")
                    .expressionAttributeValues(Map.of(":c", s(channelId), ":after", n(-afterChangeSeq)))
                    .scanIndexForward(false)
                    .limit(limit + 1 - records.size()).consistentRead(true).exclusiveStartKey(startKey).build());
            records.addAll(response.items());
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null && records.size() < limit + 1);
        boolean hasMore = records.size() > limit;
        List<Map<String, AttributeValue>> page = hasMore ? records.subList(0, limit) : records;
        // Each message once, where its latest change of the page puts it.
        LinkedHashMap<Long, Map<String, AttributeValue>> latestChangeOf = new LinkedHashMap<>();
        for (Map<String, AttributeValue> record : page) {
            latestChangeOf.remove(number(record, TARGET_SEQ));
            latestChangeOf.put(number(record, TARGET_SEQ), record);
        }
        Map<Long, StoredMessage> states = messages(channelId, latestChangeOf.keySet());
        latestChangeOf.forEach((seq, record) -> {
            StoredMessage state = states.get(seq);
            if (state != null && state.changeSeq() < changeSeqOf(record)) {
                // Written after the head was settled above and not settled yet: settle it, never answer behind it.
                settle(record);
                message(channelId, seq).ifPresent(settled -> states.put(seq, settled));
            }
        });
        List<StoredMessage> changed = latestChangeOf.keySet().stream().map(states::get)
                .filter(java.util.Objects::nonNull).toList();
        long through = page.isEmpty() ? afterChangeSeq : changeSeqOf(page.get(page.size() - 1));
        return new ChangesPage(changed, hasMore, through);
    }

    private Map<Long, StoredMessage> messages(String channelId, java.util.Collection<Long> seqs) {
        return DynamoItems.messagesAt(dynamo, messages, channelId, seqs);
    }
}
