package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.parley.support.Waits;

/**
 * The poll's answers to other pods: those that come together go in one record per asker, none waits for more to
 * come, and every answer goes out before the poll is done. No timing: what "together" means is fixed by latches.
 */
class ReplyOutboxTest {

    private record Written(int asker, ReplyBatch batch) {
    }

    private final List<Written> written = new CopyOnWriteArrayList<>();
    private final ReplyOutbox outbox = new ReplyOutbox((asker, batch) -> written.add(new Written(asker, batch)));

    @Test
    void answersThatCameTogetherGoInOneRecordPerAsker() {
        outbox.add(1, "a", "A");
        outbox.add(2, "b", "B");
        outbox.add(1, "c", "C");

        outbox.sendUntil(CompletableFuture.completedFuture(null));

        assertThat(written).hasSize(2);
        assertThat(written.get(0).asker()).isEqualTo(1);
        assertThat(written.get(0).batch().requestIds()).containsExactly("a", "c");
        assertThat(written.get(0).batch().answers()).containsExactly("A", "C");
        assertThat(written.get(1).asker()).isEqualTo(2);
        assertThat(written.get(1).batch().requestIds()).containsExactly("b");
    }

    @Test
    void anAnswerGoesOutWithoutWaitingForTheRestOfThePoll() throws Exception {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> outbox.sendUntil(answered));

        outbox.add(1, "a", "A");
        Waits.until(() -> written.size() == 1, "the first answer, written while the poll is still being answered");
        outbox.add(1, "b", "B");
        answered.complete(null);
        sending.get(10, TimeUnit.SECONDS);

        assertThat(written).extracting(w -> w.batch().requestIds()).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void aFailedPollStillSendsWhatWasAnswered() throws Exception {
        outbox.add(3, "a", "A");
        outbox.sendUntil(CompletableFuture.failedFuture(new IllegalStateException("one key failed")));

        assertThat(written).hasSize(1);
        assertThat(written.get(0).batch().requestIds()).containsExactly("a");
    }

    @Test
    void largeAnswersAreSplitSoNoRecordOutgrowsTheLimit() {
        String big = "x".repeat(ReplyOutbox.MAX_BATCH_CHARS / 2 + 1);
        outbox.add(1, "a", big);
        outbox.add(1, "b", big);
        outbox.add(1, "c", "small");

        outbox.sendUntil(CompletableFuture.completedFuture(null));

        assertThat(written).extracting(w -> w.batch().requestIds()).containsExactly(List.of("a"), List.of("b", "c"));
        assertThat(written).allSatisfy(w -> assertThat(w.batch().value().length() <= ReplyOutbox.MAX_BATCH_CHARS
                || w.batch().requestIds().size() == 1).isTrue());
    }

    @Test
    void answersCompletingOnOtherThreadsAllGoOutBeforeThePollIsDone() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            answers.add(CompletableFuture.runAsync(() -> {
                await(go);
                outbox.add(n % 3, "r" + n, "answer " + n);
            }));
        }
        CompletableFuture<Void> answered = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
        go.countDown();
        outbox.sendUntil(answered);

        Map<String, String> byId = new java.util.HashMap<>();
        written.forEach(w -> {
            for (int i = 0; i < w.batch().requestIds().size(); i++) {
                assertThat(w.asker()).isEqualTo(Integer.parseInt(w.batch().requestIds().get(i).substring(1)) % 3);
                byId.put(w.batch().requestIds().get(i), w.batch().answers().get(i));
            }
        });
        assertThat(byId).hasSize(200).containsEntry("r7", "answer 7");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
