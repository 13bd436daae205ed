package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What every {@link MessageStore} adapter must do; run against each adapter. */
public abstract class MessageStoreContract {

    protected abstract MessageStore store();

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static NewMessage message(String channel, String sender, String clientMsgId, String text) {
        return new NewMessage(newId(), channel, sender, clientMsgId, text, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void eachChannelCountsItsOwnGapFreeSeqs() {
        String a = newId();
        String b = newId();
        String sender = newId();
        assertThat(store().append(message(a, sender, newId(), "a1")).message().seq()).isEqualTo(1);
        assertThat(store().append(message(a, sender, newId(), "a2")).message().seq()).isEqualTo(2);
        assertThat(store().append(message(b, sender, newId(), "b1")).message().seq()).isEqualTo(1);
        assertThat(store().append(message(a, sender, newId(), "a3")).message().seq()).isEqualTo(3);
        assertThat(store().lastSeqs(List.of(a, b, newId()))).containsExactlyInAnyOrderEntriesOf(Map.of(a, 3L, b, 1L));
    }

    @Test
    void aRepeatedClientIdReturnsTheOriginalAndStoresNothing() {
        String channel = newId();
        String sender = newId();
        Appended first = store().append(message(channel, sender, "same", "original"));
        Appended again = store().append(message(channel, sender, "same", "changed on retry"));
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(first.message());
        assertThat(store().findByClientMsgId(sender, "same")).contains(first.message());
        assertThat(store().append(message(channel, sender, "next", "next")).message().seq()).isEqualTo(2);
        // The client id is the sender's own: another sender may use the same one.
        assertThat(store().append(message(channel, newId(), "same", "other sender")).duplicate()).isFalse();
    }

    @Test
    void storesTextExactlyAndPagesInSeqOrder() {
        String channel = newId();
        String sender = newId();
        String tricky = "\uD83D\uDE00 한국어 \"quotes\" <b>not html</b> \\ \n tab\t";
        StoredMessage stored = store().append(message(channel, sender, newId(), tricky)).message();
        for (int i = 2; i <= 10; i++) {
            store().append(message(channel, sender, newId(), "m" + i));
        }
        assertThat(store().after(channel, 0, 1).messages()).containsExactly(stored);

        HistoryPage after = store().after(channel, 3, 4);
        assertThat(after.messages()).extracting(StoredMessage::seq).containsExactly(4L, 5L, 6L, 7L);
        assertThat(after.hasMore()).isTrue();
        assertThat(store().after(channel, 6, 4).hasMore()).isFalse();

        HistoryPage before = store().before(channel, 4, 5);
        assertThat(before.messages()).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L);
        assertThat(before.hasMore()).isFalse();

        HistoryPage latest = store().latest(channel, 3);
        assertThat(latest.messages()).extracting(StoredMessage::seq).containsExactly(8L, 9L, 10L);
        assertThat(latest.hasMore()).isTrue();
        assertThat(store().after(newId(), 0, 10).messages()).isEmpty();
    }

    @Test
    void aBatchGetsConsecutiveSeqsAndAnswersResendsWithTheOriginals() {
        String channel = newId();
        String sender = newId();
        Appended before = store().append(message(channel, sender, "early", "stored before the batch"));
        List<Appended> answers = store().appendAll(List.of(
                message(channel, sender, "b1", "one"),
                message(channel, sender, "early", "a resend of a stored one"),
                message(channel, sender, "b2", "two"),
                message(channel, sender, "b1", "a resend within the batch"),
                message(channel, newId(), "b1", "another sender's b1")));
        assertThat(answers).extracting(Appended::duplicate).containsExactly(false, true, false, true, false);
        assertThat(answers).extracting(a -> a.message().seq()).containsExactly(2L, 1L, 3L, 2L, 4L);
        assertThat(answers.get(1).message()).isEqualTo(before.message());
        assertThat(answers.get(3).message()).isEqualTo(answers.get(0).message());
        assertThat(store().after(channel, 0, 10).messages()).extracting(StoredMessage::text)
                .containsExactly("stored before the batch", "one", "two", "another sender's b1");
        assertThat(store().lastSeqs(List.of(channel))).containsEntry(channel, 4L);
    }
}
