package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SendsInFlightTest {

    private final SendsInFlight inFlight = new SendsInFlight();
    private final AtomicInteger started = new AtomicInteger();
    private final SendsInFlight.Key key = new SendsInFlight.Key("ann", "c1", "m1");

    private CompletableFuture<StoredMessage> start(CompletableFuture<StoredMessage> answer) {
        started.incrementAndGet();
        return answer;
    }

    private static StoredMessage stored(String channelId) {
        return new StoredMessage("id-1", channelId, 7, "ann", "m1", "hi", Instant.EPOCH);
    }

    @Test
    void aResendWhileTheFirstCopyIsOnTheWayJoinsItsAnswerInsteadOfStartingAnother() {
        CompletableFuture<StoredMessage> first = new CompletableFuture<>();
        CompletableFuture<StoredMessage> answer = inFlight.join(key, () -> start(first));
        CompletableFuture<StoredMessage> resent = inFlight.join(key, () -> start(new CompletableFuture<>()));

        assertThat(started).hasValue(1);
        assertThat(resent).isNotDone();
        first.complete(stored("c1"));
        assertThat(answer.join()).isEqualTo(stored("c1"));
        assertThat(resent.join()).isEqualTo(stored("c1"));
        assertThat(inFlight.size()).isZero();
    }

    @Test
    void aRefusalIsEveryCopysAnswerAndTheNextResendStartsAfresh() {
        CompletableFuture<StoredMessage> first = new CompletableFuture<>();
        CompletableFuture<StoredMessage> answer = inFlight.join(key, () -> start(first));
        CompletableFuture<StoredMessage> resent = inFlight.join(key, () -> start(new CompletableFuture<>()));
        first.completeExceptionally(new IllegalStateException("rate limited"));

        assertThat(answer).isCompletedExceptionally();
        assertThat(resent).isCompletedExceptionally();
        inFlight.join(key, () -> start(CompletableFuture.completedFuture(stored("c1"))));
        assertThat(started).hasValue(2);
    }

    @Test
    void theSameClientMsgIdInAnotherChannelOrFromAnotherSenderIsAnotherSend() {
        inFlight.join(key, () -> start(new CompletableFuture<>()));
        inFlight.join(new SendsInFlight.Key("ann", "c2", "m1"), () -> start(new CompletableFuture<>()));
        inFlight.join(new SendsInFlight.Key("bob", "c1", "m1"), () -> start(new CompletableFuture<>()));

        assertThat(started).hasValue(3);
    }

    @Test
    void aSendRefusedBeforeItStartedLeavesNothingBehind() {
        assertThatThrownBy(() -> inFlight.join(key, () -> {
            throw new IllegalArgumentException("refused at once");
        })).hasMessage("refused at once");

        assertThat(inFlight.size()).isZero();
        inFlight.join(key, () -> start(new CompletableFuture<>()));
        assertThat(started).hasValue(1);
    }

    @Test
    void aJoinerCannotCompleteTheSharedAnswer() {
        CompletableFuture<StoredMessage> first = new CompletableFuture<>();
        inFlight.join(key, () -> start(first));
        inFlight.join(key, () -> start(first)).complete(stored("forged"));

        CompletableFuture<StoredMessage> later = inFlight.join(key, () -> start(first));
        assertThat(later).isNotDone();
    }
}
