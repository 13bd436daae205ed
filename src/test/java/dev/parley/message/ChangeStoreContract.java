package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.parley.common.DomainException;

/** What every {@link ChangeStore} adapter must do; run against each adapter, with its {@link MessageStore}. */
public abstract class ChangeStoreContract {

    protected abstract MessageStore messages();

    protected abstract ChangeStore changes();

    /** Every string the adapter's storage holds for the channel, however it lays it out (raw, not through the port). */
    protected abstract Collection<String> storedStrings(String channelId);

    private final String channel = UUID.randomUUID().toString();
    private final String ann = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();

    private long send(String sender, String text) {
        return messages().append(new NewMessage(UUID.randomUUID().toString(), channel, sender,
                UUID.randomUUID().toString(), text, now())).message().seq();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private ChangeStore.Changed edit(String by, long seq, String text) {
        return changes().apply(MessageChange.edit(channel, seq, by, text, now()));
    }

    private ChangeStore.Changed delete(String by, long seq, boolean byOwner) {
        return changes().apply(MessageChange.delete(channel, seq, by, byOwner, now()));
    }

    private static String codeOf(Runnable change) {
        try {
            change.run();
            return "none";
        } catch (DomainException e) {
            return e.code().code();
        }
    }

    @Test
    void changesAreNumberedGapFreePerChannelApartFromMessageSeqs() {
        long first = send(ann, "one");
        long second = send(ann, "two");
        assertThat(edit(ann, first, "one!").message().changeSeq()).isEqualTo(1);
        assertThat(delete(ann, second, false).message().changeSeq()).isEqualTo(2);
        assertThat(edit(ann, first, "one!!").message().changeSeq()).isEqualTo(3);
        assertThat(send(ann, "three")).as("message seqs are not taken by changes").isEqualTo(3);
        assertThat(messages().after(channel, 0, 10).messages())
                .extracting(StoredMessage::seq, StoredMessage::text, StoredMessage::changeSeq, StoredMessage::deleted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "one!!", 3L, false),
                        org.assertj.core.groups.Tuple.tuple(2L, "", 2L, true),
                        org.assertj.core.groups.Tuple.tuple(3L, "three", 0L, false));
        StoredMessage edited = messages().after(channel, 0, 1).messages().get(0);
        assertThat(edited.editedAt()).isNotNull();
        assertThat(edited.deletedAt()).isNull();
    }

    @Test
    void onlyTheAuthorEditsTheAuthorOrOwnerDeletesAndATombstoneStaysOne() {
        long seq = send(ann, "ann's");
        assertThat(codeOf(() -> edit(bob, seq, "bob's now"))).isEqualTo("not_author");
        assertThat(codeOf(() -> delete(bob, seq, false))).isEqualTo("not_author");
        assertThat(codeOf(() -> edit(ann, 99, "no such"))).isEqualTo("message_not_found");
        assertThat(codeOf(() -> changes().apply(MessageChange.edit(UUID.randomUUID().toString(), 1, ann, "x", now()))))
                .as("a channel without messages").isEqualTo("message_not_found");
        ChangeStore.Changed deleted = delete(bob, seq, true);
        assertThat(deleted.stored()).isTrue();
        assertThat(deleted.message().deletedAt()).isNotNull();
        assertThat(deleted.message().text()).isEmpty();
        assertThat(codeOf(() -> edit(ann, seq, "back again"))).isEqualTo("message_deleted");
        ChangeStore.Changed again = delete(ann, seq, false);
        assertThat(again.stored()).as("deleting a tombstone stores nothing").isFalse();
        assertThat(again.message().changeSeq()).isEqualTo(1);
        assertThat(edit(ann, send(ann, "same"), "same").stored()).as("an edit to the same text").isFalse();
    }

    @Test
    void aDeletedMessageLeavesItsTextNowhereInStorageNorItsEdits() {
        long seq = send(ann, "secret first draft");
        edit(ann, seq, "secret second draft");
        send(ann, "kept");
        delete(ann, seq, false);
        assertThat(String.join("\n", storedStrings(channel))).contains("kept").doesNotContain("secret");
    }

    @Test
    void changesAfterACursorGiveEachMessageOnceInItsLatestStateInChangeOrder() {
        long a = send(ann, "a");
        long b = send(ann, "b");
        long c = send(ann, "c");
        edit(ann, a, "a1"); // 1
        edit(ann, b, "b1"); // 2
        edit(ann, a, "a2"); // 3
        delete(ann, c, false); // 4
        ChangeStore.ChangesPage all = changes().changesAfter(channel, 0, 10);
        assertThat(all.messages()).extracting(StoredMessage::seq, StoredMessage::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(b, "b1"), org.assertj.core.groups.Tuple.tuple(a, "a2"),
                        org.assertj.core.groups.Tuple.tuple(c, ""));
        assertThat(all.hasMore()).isFalse();
        assertThat(all.through()).isEqualTo(4);
        assertThat(changes().changesAfter(channel, 3, 10).messages()).extracting(StoredMessage::seq).containsExactly(c);
        assertThat(changes().changesAfter(channel, 4, 10).messages()).isEmpty();
        assertThat(changes().changesAfter(channel, 4, 10).through()).isEqualTo(4);

        // Paged: reading on from each page's end, nothing is missed.
        List<Long> seen = new ArrayList<>();
        long cursor = 0;
        ChangeStore.ChangesPage page;
        do {
            page = changes().changesAfter(channel, cursor, 1);
            page.messages().forEach(m -> seen.add(m.seq()));
            cursor = page.through();
        } while (page.hasMore());
        assertThat(seen).containsAll(List.of(a, b, c));
        assertThat(cursor).isEqualTo(4);
    }

    @Test
    void concurrentChangesOfOneChannelGetDistinctGapFreeNumbersAndAllTakeEffect() throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seqs.add(send(ann, "m" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Long>> numbers = new ArrayList<>();
            for (long seq : seqs) {
                for (int round = 1; round <= 3; round++) {
                    String text = "m" + seq + " v" + round;
                    numbers.add(CompletableFuture.supplyAsync(() -> edit(ann, seq, text).message().changeSeq(), pool));
                }
            }
            List<Long> given = numbers.stream().map(CompletableFuture::join).sorted().toList();
            assertThat(given).as("one number per change, none skipped")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 24).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(messages().after(channel, 0, 10).messages()).allSatisfy(m -> {
            assertThat(m.editedAt()).isNotNull();
            assertThat(m.text()).startsWith("m" + m.seq() + " v");
        });
        assertThat(changes().changesAfter(channel, 0, 100).messages()).hasSize(8);
    }

    @Test
    void aChangeToAnUnknownSeqIsRefusedWithoutNumberingAnything() {
        long seq = send(ann, "x");
        assertThatThrownBy(() -> edit(ann, seq + 5, "y")).isInstanceOf(DomainException.class);
        assertThat(edit(ann, seq, "y").message().changeSeq()).isEqualTo(1);
    }

    private ChangeStore.Changed react(String by, long seq, String emoji, boolean add) {
        return changes().apply(MessageChange.react(channel, seq, by, emoji, add, now()));
    }

    @Test
    void reactionsCountEachUserOncePerEmojiAndGoWithTheMessagesDeletion() {
        long seq = send(ann, "react to me");
        assertThat(react(ann, seq, "\uD83D\uDC4D", true).stored()).isTrue();
        assertThat(react(bob, seq, "\uD83D\uDC4D", true).stored()).isTrue();
        assertThat(react(bob, seq, "\uD83C\uDF89", true).stored()).isTrue();
        assertThat(react(ann, seq, "\uD83D\uDC4D", true).stored()).as("again: nothing to do").isFalse();
        assertThat(react(bob, seq, "\uD83C\uDF89", false).stored()).isTrue();
        assertThat(react(ann, seq, "\uD83C\uDF89", false).stored()).as("never reacted: nothing to do").isFalse();

        StoredMessage read = messages().after(channel, 0, 10).messages().get(0);
        assertThat(read.reactions()).containsExactly(
                new Reaction("\uD83D\uDC4D", 2, java.util.stream.Stream.of(ann, bob).sorted().toList()));
        assertThat(read.changeSeq()).isEqualTo(4);
        assertThat(changes().changesAfter(channel, 3, 10).messages()).extracting(StoredMessage::reactions)
                .containsExactly(read.reactions());

        delete(ann, seq, false);
        assertThat(messages().after(channel, 0, 10).messages().get(0).reactions()).isEmpty();
        assertThat(codeOf(() -> react(bob, seq, "\uD83D\uDC4D", true))).isEqualTo("message_deleted");
    }

    @Test
    void aMessageTakesAtMostTwentyDifferentEmojiButMorePeopleOnEach() {
        long seq = send(ann, "popular");
        for (int i = 0; i < Reaction.MAX_PER_MESSAGE; i++) {
            react(ann, seq, ":e" + i + ":", true);
        }
        assertThat(codeOf(() -> react(bob, seq, ":one-too-many:", true))).isEqualTo("too_many_reactions");
        assertThat(react(bob, seq, ":e0:", true).message().reactions().get(0).count()).isEqualTo(2);
    }
}
