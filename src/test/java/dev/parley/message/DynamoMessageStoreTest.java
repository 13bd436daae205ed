package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@link MessageStoreContract} against the DynamoDB adapter, on dynalite, in tables of its own; plus what only the
 * cluster's writers face: fencing by epoch, and the holes a writer leaves when it dies between reserving seqs and
 * writing them.
 */
@ExtendWith(ClusterServers.class)
class DynamoMessageStoreTest extends MessageStoreContract {

    private static final String MESSAGES = "test_messages";
    private static final String CLIENT_IDS = "test_client_ids";

    private final DynamoDbClient dynamo;
    private final MessageStore store;

    DynamoMessageStoreTest(DynamoDbClient dynamo, DynamoDbAsyncClient async) {
        new DynamoTables(dynamo, MESSAGES, CLIENT_IDS, true).ensureExist();
        this.dynamo = dynamo;
        // A lease no stall of a busy machine outlasts: these tests are about fencing and holes, not lease timing.
        this.store = new DynamoMessageStore(dynamo, async, MESSAGES, CLIENT_IDS, 100, 1000, Duration.ofMinutes(10),
                Clock.systemUTC());
    }

    @Override
    protected MessageStore store() {
        return store;
    }

    @Test
    void eachClaimedEpochIsAboveTheLastOne() {
        long first = store.claimWriterEpoch();
        assertThat(store.claimWriterEpoch()).isGreaterThan(first);
    }

    @Test
    void aWriterOfAnEarlierEpochCannotWriteAChannelALaterOneHasWritten() {
        String channel = id();
        long zombie = store.claimWriterEpoch();
        long owner = store.claimWriterEpoch();
        store.appendAll(List.of(message(channel, "one")), zombie).join();
        store.appendAll(List.of(message(channel, "two")), owner).join();

        assertThatThrownBy(() -> store.appendAll(List.of(message(channel, "three")), zombie).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(DynamoChannelAppender.WriterFenced.class);
        assertThat(store.after(channel, 0, 10).messages()).extracting(StoredMessage::text).containsExactly("one", "two");
        assertThat(store.appendAll(List.of(message(channel, "four")), owner).join().get(0).message().seq()).isEqualTo(3);
    }

    /**
     * Issue 11, item 1: a paused pod (the zombie) and the partition's new owner both handle the same uncommitted send
     * record. Whichever order they come in, it is stored once, and the channel stays gap-free.
     */
    @Test
    void aSendHandledByAZombieAndByTheNewOwnerIsStoredOnce() {
        String channel = id();
        long zombie = store.claimWriterEpoch();
        store.appendAll(List.of(message(channel, "before")), zombie).join(); // the zombie knows the channel's tail
        long owner = store.claimWriterEpoch();
        NewMessage record = message(channel, "the send");
        assertThat(store.appendAll(List.of(record), owner).join().get(0).message().seq()).isEqualTo(2);

        try {
            List<Appended> late = store.appendAll(List.of(record), zombie).join();
            assertThat(late.get(0).duplicate()).as("found stored, not stored again").isTrue();
        } catch (CompletionException fenced) {
            assertThat(fenced).hasCauseInstanceOf(DynamoChannelAppender.WriterFenced.class);
        }
        assertThat(store.after(channel, 0, 10).messages()).extracting(StoredMessage::seq, StoredMessage::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "before"),
                        org.assertj.core.groups.Tuple.tuple(2L, "the send"));
        assertThat(store.findByClientMsgId(record.senderId(), record.clientMsgId())).get()
                .extracting(StoredMessage::seq).isEqualTo(2L);
    }

    @Test
    void blocksOfSeveralChannelsAreStoredTogetherAndEachFailsAlone() {
        String free = id();
        String taken = id();
        long zombie = store.claimWriterEpoch();
        long owner = store.claimWriterEpoch();
        store.appendAll(List.of(message(taken, "by the owner")), owner).join();

        Map<String, CompletableFuture<List<Appended>>> answers = store.appendAll(Map.of(
                free, List.of(message(free, "a1"), message(free, "a2")),
                taken, List.of(message(taken, "by the zombie"))), zombie);

        assertThat(answers.get(free).join()).extracting(a -> a.message().seq()).containsExactly(1L, 2L);
        assertThatThrownBy(() -> answers.get(taken).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(DynamoChannelAppender.WriterFenced.class);
        assertThat(store.after(taken, 0, 10).messages()).extracting(StoredMessage::text).containsExactly("by the owner");
        assertThat(store.after(free, 0, 10).messages()).extracting(StoredMessage::text).containsExactly("a1", "a2");
    }

    @Test
    void theNextWriterFillsTheHolesADeadWriterLeftBeforeGoingOn() {
        String channel = id();
        long dead = store.claimWriterEpoch();
        NewMessage stored = message(channel, "stored");
        NewMessage lost = message(channel, "reserved, never written");
        store.appendAll(List.of(stored), dead).join();
        // The dead writer had reserved seqs 2 and 3 for "lost" and one more, written lost's pointer, and died.
        dynamo.putItem(PutItemRequest.builder().tableName(MESSAGES).item(Map.of("channel_id", DynamoItems.s(channel),
                "seq", DynamoItems.n(0), "last_seq", DynamoItems.n(3), "epoch", DynamoItems.n(dead))).build());
        dynamo.putItem(PutItemRequest.builder().tableName(CLIENT_IDS).item(DynamoItems.pointerItem(new StoredMessage(
                lost.id(), channel, 2, lost.senderId(), lost.clientMsgId(), lost.text(), lost.sentAt()))).build());

        long next = store.claimWriterEpoch();
        NewMessage fresh = message(channel, "fresh");
        NewMessage after = message(channel, "after");
        List<Appended> answers = store.appendAll(List.of(fresh, lost, after), next).join();

        assertThat(answers).extracting(a -> a.message().seq()).containsExactly(3L, 2L, 4L);
        assertThat(store.after(channel, 0, 10).messages()).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(store.lastSeqs(List.of(channel))).containsEntry(channel, 4L);
        assertThat(store.findByClientMsgId(lost.senderId(), lost.clientMsgId())).get()
                .extracting(StoredMessage::seq).isEqualTo(2L);
    }

    @Test
    void aChannelWrittenBeforeHeadsExistedGoesOnAfterItsLastMessage() {
        String channel = id();
        for (long seq = 1; seq <= 2; seq++) {
            NewMessage old = message(channel, "old " + seq);
            dynamo.putItem(PutItemRequest.builder().tableName(MESSAGES).item(DynamoItems.messageItem(new StoredMessage(
                    old.id(), channel, seq, old.senderId(), old.clientMsgId(), old.text(), old.sentAt()))).build());
        }
        assertThat(store.lastSeqs(List.of(channel))).containsEntry(channel, 2L);
        assertThat(store.append(message(channel, "new")).message().seq()).isEqualTo(3);
        assertThat(store.latest(channel, 10).messages()).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L);
    }

    private static NewMessage message(String channel, String text) {
        return new NewMessage(id(), channel, id(), id(), text, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
