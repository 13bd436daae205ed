package dev.parley.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How messages, channel heads and client-id pointers are laid out in DynamoDB. A channel's partition of the messages
 * table holds its messages at seq 1, 2, 3, ... and its head at seq 0: the last seq reserved and the epoch of the
 * writer that reserved it (see {@link DynamoChannelAppender}); its changes (edits, deletions) are logged below the
 * head, change n at seq -n (see {@link DynamoChangeStore}).
 */
final class DynamoItems {

    static final long HEAD_SEQ = 0;
    static final String LAST_SEQ = "last_seq";
    static final String EPOCH = "epoch";
    /** When the head's last block was reserved (epoch millis): its reserver's lease runs from then. */
    static final String RESERVED_AT = "reserved_at";
    /** A message's state after its last change (see {@link DynamoChangeStore}). */
    static final String EDITED_AT = "edited_at";
    static final String DELETED_AT = "deleted_at";
    static final String CHANGE_SEQ = "change_seq";
    static final String REACTION_PREFIX = "r:";
    static final String REPLY_TO = "reply_to";
    /** The attachments a message carries, as a JSON array (absent when none; a deletion removes it). */
    static final String ATTACHMENTS = "attachments";
    /** The client-ids table's counter of writer epochs: one item, incremented by each new owner. */
    static final String EPOCH_COUNTER_KEY = "#writer-epoch";

    private DynamoItems() {
    }

    static Map<String, AttributeValue> messageItem(StoredMessage m) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                "channel_id", s(m.channelId()),
                "seq", n(m.seq()),
                "id", s(m.id()),
                "sender_id", s(m.senderId()),
                "client_msg_id", s(m.clientMsgId()),
                "text", s(m.text()),
                "sent_at", n(m.sentAt().toEpochMilli())));
        if (m.replyTo() != null) {
            item.put(REPLY_TO, n(m.replyTo().seq()));
        }
        if (!m.attachments().isEmpty()) {
            item.put(ATTACHMENTS, s(dev.parley.media.AttachmentJson.write(m.attachments())));
        }
        return item;
    }

    /** A message item with its state after changes (edit and deletion times, change seq, reaction sets): its size. */
    static Map<String, AttributeValue> stateItem(StoredMessage m) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(messageItem(m));
        if (m.editedAt() != null) {
            item.put(EDITED_AT, n(m.editedAt().toEpochMilli()));
        }
        if (m.deletedAt() != null) {
            item.put(DELETED_AT, n(m.deletedAt().toEpochMilli()));
        }
        item.put(CHANGE_SEQ, n(m.changeSeq()));
        m.reactions().forEach(r -> item.put(REACTION_PREFIX + r.emoji(), AttributeValue.builder().ss(r.userIds()).build()));
        return item;
    }

    /** The channel's messages at these seqs, in BatchGetItem calls of 100 (a blocking client: a worker thread). */
    static Map<Long, StoredMessage> messagesAt(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
            String table, String channelId, java.util.Collection<Long> seqs) {
        Map<Long, StoredMessage> found = new java.util.HashMap<>();
        List<Long> all = seqs.stream().filter(seq -> seq > HEAD_SEQ).distinct().toList(); // the head is no message
        for (int from = 0; from < all.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = all.subList(from, Math.min(all.size(), from + 100)).stream()
                    .map(seq -> slotKey(channelId, seq)).toList();
            Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> wanted = Map.of(table,
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(keys)
                            .consistentRead(true).build());
            while (!wanted.isEmpty()) {
                var response = dynamo.batchGetItem(
                        software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest.builder().requestItems(wanted).build());
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    StoredMessage message = message(item);
                    found.put(message.seq(), message);
                });
                wanted = response.unprocessedKeys();
            }
        }
        return found;
    }

    /** A message in its current state: a deleted one has no text attribute left (see {@link DynamoChangeStore}). */
    static StoredMessage message(Map<String, AttributeValue> item) {
        AttributeValue text = item.get("text");
        return new StoredMessage(item.get("id").s(), item.get("channel_id").s(), Long.parseLong(item.get("seq").n()),
                item.get("sender_id").s(), item.get("client_msg_id").s(), text == null ? "" : text.s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("sent_at").n())), instant(item, EDITED_AT),
                instant(item, DELETED_AT), number(item, CHANGE_SEQ), reactions(item),
                item.containsKey(REPLY_TO) ? ReplyTo.seqOnly(number(item, REPLY_TO)) : null,
                item.containsKey(ATTACHMENTS) ? dev.parley.media.AttachmentJson.read(item.get(ATTACHMENTS).s()) : List.of());
    }

    /** A message's reactions: one string-set attribute per emoji ({@value #REACTION_PREFIX} + emoji) of user ids. */
    private static List<Reaction> reactions(Map<String, AttributeValue> item) {
        Map<String, List<String>> users = new java.util.HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(REACTION_PREFIX) && value.hasSs()) {
                users.put(name.substring(REACTION_PREFIX.length()), value.ss());
            }
        });
        return users.isEmpty() ? List.of() : Reaction.of(users);
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue millis = item.get(name);
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis.n()));
    }

    /** A message read without its text (enough to know whose it is). */
    static StoredMessage messageWithoutText(Map<String, AttributeValue> item) {
        return new StoredMessage(item.get("id").s(), item.get("channel_id").s(), Long.parseLong(item.get("seq").n()),
                item.get("sender_id").s(), item.get("client_msg_id").s(), null,
                Instant.ofEpochMilli(Long.parseLong(item.get("sent_at").n())));
    }

    static Map<String, AttributeValue> slotKey(String channelId, long seq) {
        return Map.of("channel_id", s(channelId), "seq", n(seq));
    }

    static Map<String, AttributeValue> pointerKey(String senderId, String clientMsgId) {
        return Map.of("key", s(senderId + "#" + clientMsgId));
    }

    static Map<String, AttributeValue> pointerItem(StoredMessage m) {
        return Map.of("key", s(m.senderId() + "#" + m.clientMsgId()), "channel_id", s(m.channelId()), "seq", n(m.seq()));
    }

    /** One BatchWriteItem, resubmitting what DynamoDB left unprocessed (throttling) until nothing is left. */
    static CompletableFuture<Void> batchWrite(DynamoDbAsyncClient dynamo, Map<String, List<WriteRequest>> items) {
        return dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(items).build()).thenCompose(response -> {
            Map<String, List<WriteRequest>> left = response.unprocessedItems();
            return left == null || left.isEmpty() ? CompletableFuture.completedFuture(null) : batchWrite(dynamo, left);
        });
    }

    static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
