package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import io.opentelemetry.context.Context;

/**
 * What the configured {@link SendPipeline} must do: store durably, answer a resend with the original, and keep one
 * gap-free order under concurrent submits. Run as a @QuarkusTest in each mode.
 */
public abstract class SendPipelineContract {

    @Inject
    SendPipeline pipeline;
    @Inject
    MessageStore store;

    private static NewMessage message(String channel, String sender, String clientMsgId) {
        return new NewMessage(java.util.UUID.randomUUID().toString(), channel, sender, clientMsgId, "text " + clientMsgId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void storesAndAnswersAResendWithTheOriginal() {
        User ann = Api.newUser("pipe");
        User bob = Api.newUser("pipe");
        String channel = Api.direct(ann, bob);
        Appended first = pipeline.submit(message(channel, ann.id(), "one"), Context.root()).join();
        assertThat(first.duplicate()).isFalse();
        assertThat(first.message().seq()).isEqualTo(1);
        assertThat(store.after(channel, 0, 10).messages()).containsExactly(first.message());

        Appended again = pipeline.submit(message(channel, ann.id(), "one"), Context.root()).join();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(first.message());
        assertThat(store.after(channel, 0, 10).messages()).hasSize(1);
    }

    @Test
    void concurrentSubmitsToOneChannelGetOneGapFreeOrder() throws Exception {
        User ann = Api.newUser("pipe");
        User bob = Api.newUser("pipe");
        String channel = Api.direct(ann, bob);
        List<CompletableFuture<Appended>> submits = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String sender = i % 2 == 0 ? ann.id() : bob.id();
            String id = "c" + i;
            submits.add(CompletableFuture.supplyAsync(() -> pipeline.submit(message(channel, sender, id), Context.root())).thenCompose(f -> f));
        }
        List<Long> seqs = new ArrayList<>();
        for (CompletableFuture<Appended> submit : submits) {
            seqs.add(submit.get(1, TimeUnit.MINUTES).message().seq());
        }
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(store.after(channel, 0, 100).messages()).extracting(StoredMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
    }
}
