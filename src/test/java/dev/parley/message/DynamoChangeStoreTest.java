package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link ChangeStoreContract} against the DynamoDB adapter on dynalite; plus what only it faces: a writer that dies
 * between its change record and the message's rewrite.
 */
@ExtendWith(ClusterServers.class)
class DynamoChangeStoreTest extends ChangeStoreContract {

    private static final String MESSAGES = "test_messages";
    private static final String CLIENT_IDS = "test_client_ids";

    private final DynamoDbClient dynamo;
    private final MessageStore messages;
    private final ChangeStore changes;

    DynamoChangeStoreTest(DynamoDbClient dynamo, DynamoDbAsyncClient async) {
        new DynamoTables(dynamo, MESSAGES, CLIENT_IDS, true).ensureExist();
        this.dynamo = dynamo;
        this.messages = new DynamoMessageStore(dynamo, async, MESSAGES, CLIENT_IDS, 100, 1000, Duration.ofMinutes(10),
                Clock.systemUTC());
        this.changes = new DynamoChangeStore(dynamo, MESSAGES);
    }

    @Override
    protected MessageStore messages() {
        return messages;
    }

    @Override
    protected ChangeStore changes() {
        return changes;
    }

    /** Every string attribute of every item in the channel's partition: messages, head and change records. */
    @Override
    protected Collection<String> storedStrings(String channelId) {
        List<String> found = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(MESSAGES).keyConditionExpression("channel_id = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.builder().s(channelId).build()))
                .consistentRead(true).build()).items()
                .forEach(item -> item.values().stream().filter(v -> v.s() != null).forEach(v -> found.add(v.s())));
        return found;
    }

    @Test
    void anEditWhoseWriterDiedAfterItsRecordTakesEffectWhenTheChannelIsNextReadOrChanged() {
        String channel = UUID.randomUUID().toString();
        String ann = UUID.randomUUID().toString();
        messages.append(new NewMessage(UUID.randomUUID().toString(), channel, ann, "c1", "before", Instant.now()));
        // What a writer leaves when it dies right after step 1: the record of change 1, the message untouched.
        dynamo.putItem(PutItemRequest.builder().tableName(MESSAGES).item(Map.of(
                "channel_id", DynamoItems.s(channel), "seq", DynamoItems.n(-1), "target_seq", DynamoItems.n(1),
                "kind", DynamoItems.s("EDIT"), "by", DynamoItems.s(ann), "at", DynamoItems.n(Instant.now().toEpochMilli()),
                "text", DynamoItems.s("after"))).build());

        ChangeStore.ChangesPage page = changes.changesAfter(channel, 0, 10);
        assertThat(page.messages()).extracting(StoredMessage::text, StoredMessage::changeSeq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("after", 1L));
        assertThat(messages.after(channel, 0, 10).messages().get(0).text()).isEqualTo("after");
        assertThat(storedStrings(channel)).as("the record lost its text once settled").containsOnlyOnce("after");

        ChangeStore.Changed next = changes.apply(MessageChange.delete(channel, 1, ann, false, Instant.now()));
        assertThat(next.message().changeSeq()).isEqualTo(2);
        assertThat(storedStrings(channel)).noneMatch(value -> value.equals("after") || value.equals("before"));
    }

    @Test
    void aDeletionRemovesTheMessagesReactionAttributes() {
        String channel = UUID.randomUUID().toString();
        String ann = UUID.randomUUID().toString();
        messages.append(new NewMessage(UUID.randomUUID().toString(), channel, ann, "c1", "hi", Instant.now()));
        changes.apply(MessageChange.react(channel, 1, ann, ":wave:", true, Instant.now()));
        changes.apply(MessageChange.react(channel, 1, ann, ":ok:", true, Instant.now()));
        changes.apply(MessageChange.delete(channel, 1, ann, false, Instant.now()));
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(MESSAGES).key(DynamoItems.slotKey(channel, 1))
                .consistentRead(true)).item();
        assertThat(item.keySet()).noneMatch(name -> name.startsWith(DynamoItems.REACTION_PREFIX) || name.equals("text"));
    }

    @Test
    void aChangeThatWouldPushTheMessagePastTheItemLimitIsRefusedBeforeAnythingIsWritten() {
        String channel = UUID.randomUUID().toString();
        String ann = UUID.randomUUID().toString();
        String fourBytes = "\uD83D\uDE00";
        messages.append(new NewMessage(UUID.randomUUID().toString(), channel, ann, "big", fourBytes.repeat(100_000),
                Instant.now()));
        int reacted = 0;
        String refusal = null;
        while (refusal == null && reacted < 2_000) {
            try {
                changes.apply(MessageChange.react(channel, 1, UUID.randomUUID().toString(), ":e" + (reacted % 20) + ":",
                        true, Instant.now()));
                reacted++;
            } catch (dev.parley.common.DomainException e) {
                refusal = e.code().code();
            }
        }
        assertThat(refusal).as("refused once the item would pass 400 KB").isEqualTo("too_many_reactions");
        StoredMessage kept = messages.after(channel, 0, 1).messages().get(0);
        assertThat(DynamoItemSize.of(DynamoItems.stateItem(kept))).isLessThanOrEqualTo(DynamoItemSize.MAX_ITEM_BYTES);
        assertThat(kept.changeSeq()).as("nothing written for the refused one").isEqualTo(reacted);
        // The channel's changes go on: the refused change left no record behind.
        assertThat(changes.apply(MessageChange.react(channel, 1, ann, ":e0:", false, Instant.now())).stored()).isFalse();
    }
}
