package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
public class HistoryPagingTest {

    @Inject
    MessageStore store;

    /** Issue 11, item 5: a page of 200 maximum-size messages would be a 20 MB answer. */
    @Test
    void aPageStopsAtTwoMillionCharactersAndSaysThereIsMore() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        String maximum = "y".repeat(100_000);
        for (int i = 1; i <= 25; i++) {
            store.append(new NewMessage(UUID.randomUUID().toString(), channel, ann.id(), "big" + i, maximum, Instant.now()));
        }

        JsonPath forward = Api.history(bob, channel, "?afterSeq=0&limit=200");
        assertThat(forward.getList("messages.seq", Long.class)).containsExactlyElementsOf(seqs(1, 20));
        assertThat(forward.getBoolean("hasMore")).isTrue();
        JsonPath rest = Api.history(bob, channel, "?afterSeq=20&limit=200");
        assertThat(rest.getList("messages.seq", Long.class)).containsExactlyElementsOf(seqs(21, 25));
        assertThat(rest.getBoolean("hasMore")).isFalse();

        JsonPath latest = Api.history(bob, channel, "?limit=200");
        assertThat(latest.getList("messages.seq", Long.class)).containsExactlyElementsOf(seqs(6, 25));
        assertThat(latest.getBoolean("hasMore")).isTrue();
    }

    @Test
    void pagesForwardBackwardAndFromTheLatest() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        for (int i = 1; i <= 25; i++) {
            store.append(new NewMessage(UUID.randomUUID().toString(), channel, ann.id(), "c" + i, "message " + i,
                    Instant.now()));
        }

        JsonPath latest = Api.history(bob, channel, "?limit=10");
        assertThat(latest.getList("messages.seq", Long.class)).containsExactlyElementsOf(seqs(16, 25));
        assertThat(latest.getBoolean("hasMore")).isTrue();

        JsonPath before = Api.history(bob, channel, "?beforeSeq=16&limit=10");
        assertThat(before.getList("messages.seq", Long.class)).containsExactlyElementsOf(seqs(6, 15));
        assertThat(before.getBoolean("hasMore")).isTrue();
        JsonPath first = Api.history(bob, channel, "?beforeSeq=6&limit=10");
        assertThat(first.getList("messages.seq", Long.class)).containsExactlyElementsOf(seqs(1, 5));
        assertThat(first.getBoolean("hasMore")).isFalse();

        JsonPath after = Api.history(bob, channel, "?afterSeq=20&limit=10");
        assertThat(after.getList("messages.seq", Long.class)).containsExactlyElementsOf(seqs(21, 25));
        assertThat(after.getBoolean("hasMore")).isFalse();
        JsonPath afterZero = Api.history(bob, channel, "?afterSeq=0&limit=3");
        assertThat(afterZero.getList("messages.text", String.class)).containsExactly("message 1", "message 2", "message 3");
        assertThat(afterZero.getString("messages[0].senderId")).isEqualTo(ann.id());
        assertThat(afterZero.getString("messages[0].clientMsgId")).isEqualTo("c1");
        assertThat(afterZero.getBoolean("hasMore")).isTrue();
    }

    private static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
