package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Answers to one asking pod in one record: what goes in comes out, whatever the answers hold. */
class ReplyBatchTest {

    @Test
    void answersComeBackAsTheyWentInWhateverTheyHold() {
        List<String> answers = List.of("{\"seq\":1,\"text\":\"a, b\"}", "", "emoji 😀 and ünïcödé, 3,4", "x".repeat(100_000));
        ReplyBatch batch = new ReplyBatch(List.of("r1", "r2", "r3", "r4"), answers);

        ReplyBatch read = ReplyBatch.read(List.of("r1", "r2", "r3", "r4"), batch.lengths(), batch.value());

        assertThat(read.requestIds()).containsExactly("r1", "r2", "r3", "r4");
        assertThat(read.answers()).isEqualTo(answers);
    }

    @Test
    void aBatchWhoseLengthsDoNotMatchItsValueIsRefused() {
        assertThatThrownBy(() -> ReplyBatch.read(List.of("r1", "r2"), "3", "abc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplyBatch.read(List.of("r1"), "4", "abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplyBatch.read(List.of("r1"), "2", "abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplyBatch.read(List.of("r1"), "-1", "abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
