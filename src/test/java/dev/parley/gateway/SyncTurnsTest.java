package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.common.DomainException;

class SyncTurnsTest {

    private final SyncTurns turns = new SyncTurns(3);

    @Test
    void aSyncArrivingWhileOneIsAnsweredWaitsAndSeveralWaitingAreMergedByTheLowestCursor() {
        assertThat(turns.offer(Map.of("a", 5L))).contains(Map.of("a", 5L));
        assertThat(turns.offer(Map.of("a", 9L))).isEmpty();
        assertThat(turns.offer(Map.of("a", 7L, "b", 0L))).isEmpty();
        assertThat(turns.offer(Map.of("b", 3L))).isEmpty();

        assertThat(turns.next()).contains(Map.of("a", 7L, "b", 0L));
        assertThat(turns.offer(Map.of("c", 1L))).as("still answering the merged one").isEmpty();
        assertThat(turns.next()).contains(Map.of("c", 1L));
        assertThat(turns.next()).isEmpty();
        assertThat(turns.offer(Map.of("a", 1L))).as("the turn ended: answered at once").contains(Map.of("a", 1L));
    }

    @Test
    void waitingSyncsOfMoreChannelsThanOneSyncMayListAreRefused() {
        turns.offer(Map.of("a", 0L));
        turns.offer(Map.of("b", 0L, "c", 0L, "d", 0L));
        assertThatThrownBy(() -> turns.offer(Map.of("e", 0L))).isInstanceOf(DomainException.class)
                .hasMessageContaining("send it again");
        assertThat(turns.next()).contains(Map.of("b", 0L, "c", 0L, "d", 0L));
    }
}
