package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.common.DomainException;

class SyncTurnsTest {

    private final SyncTurns turns = new SyncTurns(3);

    private static SyncRequest req(Map<String, Long> cursors) {
        return new SyncRequest(cursors, Map.of());
    }

    @Test
    void changeCursorsAreMergedTheSameWay() {
        turns.offer(req(Map.of("a", 0L)));
        turns.offer(new SyncRequest(Map.of(), Map.of("a", 4L)));
        turns.offer(new SyncRequest(Map.of("b", 1L), Map.of("a", 2L, "b", 6L)));
        assertThat(turns.next()).contains(new SyncRequest(Map.of("b", 1L), Map.of("a", 2L, "b", 6L)));
    }

    @Test
    void aSyncArrivingWhileOneIsAnsweredWaitsAndSeveralWaitingAreMergedByTheLowestCursor() {
        assertThat(turns.offer(req(Map.of("a", 5L)))).contains(req(Map.of("a", 5L)));
        assertThat(turns.offer(req(Map.of("a", 9L)))).isEmpty();
        assertThat(turns.offer(req(Map.of("a", 7L, "b", 0L)))).isEmpty();
        assertThat(turns.offer(req(Map.of("b", 3L)))).isEmpty();

        assertThat(turns.next()).contains(req(Map.of("a", 7L, "b", 0L)));
        assertThat(turns.offer(req(Map.of("c", 1L)))).as("still answering the merged one").isEmpty();
        assertThat(turns.next()).contains(req(Map.of("c", 1L)));
        assertThat(turns.next()).isEmpty();
        assertThat(turns.offer(req(Map.of("a", 1L)))).as("the turn ended: answered at once").contains(req(Map.of("a", 1L)));
    }

    @Test
    void waitingSyncsOfMoreChannelsThanOneSyncMayListAreRefused() {
        turns.offer(req(Map.of("a", 0L)));
        turns.offer(req(Map.of("b", 0L, "c", 0L, "d", 0L)));
        assertThatThrownBy(() -> turns.offer(req(Map.of("e", 0L)))).isInstanceOf(DomainException.class)
                .hasMessageContaining("send it again");
        assertThat(turns.next()).contains(req(Map.of("b", 0L, "c", 0L, "d", 0L)));
    }
}
