package dev.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RebalancerTest {

    private static List<PodLoads.PodLoad> loads(int... sockets) {
        List<PodLoads.PodLoad> all = new java.util.ArrayList<>();
        for (int i = 0; i < sockets.length; i++) {
            all.add(new PodLoads.PodLoad("pod-" + i, sockets[i], "ws://pod-" + i));
        }
        return all;
    }

    @Test
    void aPodAboveTheAverageByMoreThanTheToleranceMovesItsExcessAtMostAShareARound() {
        assertThat(Rebalancer.toMove(1000, loads(1000, 0), 0.2, 1, 0.1)).as("capped at 10% a round").isEqualTo(100);
        assertThat(Rebalancer.toMove(40, loads(40, 0), 0.2, 1, 0.5)).as("the excess over the average").isEqualTo(20);
        assertThat(Rebalancer.toMove(23, loads(23, 17), 0.2, 1, 0.5)).as("within the tolerance").isZero();
        assertThat(Rebalancer.toMove(17, loads(23, 17), 0.2, 1, 0.5)).as("below the average").isZero();
        assertThat(Rebalancer.toMove(3, loads(3, 0), 0.2, 1, 0.1)).as("at least one a round").isEqualTo(1);
        assertThat(Rebalancer.toMove(500, loads(500), 0.2, 1, 0.1)).as("one pod: nothing to spread to").isZero();
        assertThat(Rebalancer.toMove(0, loads(0, 0), 0.2, 1, 0.1)).isZero();
        assertThat(Rebalancer.toMove(40, loads(40, 0), 0.2, 50, 0.5)).as("fewer than min-excess over the average").isZero();
        assertThat(Rebalancer.toMove(140, loads(140, 0), 0.2, 50, 0.5)).isEqualTo(70);
    }

    /**
     * Seen in the benchmark: between two runs every pod's sockets closed and 100 new ones opened on each; a pod whose
     * round came first saw its 100 against the other's count from before (0) and moved 10 sockets it should have
     * kept. Its count a round ago shows they had just arrived.
     */
    @Test
    void socketsThatJustArrivedAreNotMovedOnTheOtherPodsOlderCounts() {
        assertThat(Rebalancer.toMove(100, loads(100, 0), 0.2, 50, 0.1)).as("what the pod used to do").isEqualTo(10);
        assertThat(Rebalancer.toMoveThisRound(100, 0, "pod-0", loads(100, 0), loads(0, 0), 0.2, 50, 0.1)).isZero();
        assertThat(Rebalancer.toMoveThisRound(100, 0, "pod-0", loads(100, 100), loads(0, 0), 0.2, 50, 0.1)).isZero();
        assertThat(Rebalancer.toMoveThisRound(200, 100, "pod-0", loads(200, 100, 100), loads(100, 100, 100), 0.2, 50, 0.1))
                .as("rising on every pod: this one only counts what it held a round ago").isZero();
    }

    /**
     * Seen in the benchmark after the fix above: between the warm-up and the measured run both pods' 100 sockets
     * closed and 100 new ones opened on each. The pod whose round came next held 100 now and a round ago, and the
     * other pod had just published 0 (its clients closed, not yet reopened): it moved 10 sockets. The other pod's
     * count a round ago shows its clients were there.
     */
    @Test
    void aMomentWhenAnotherPodsClientsAllReconnectIsNotTakenForAnExcess() {
        assertThat(Rebalancer.toMoveThisRound(100, 100, "pod-0", loads(100, 0), List.of(), 0.2, 50, 0.1))
                .as("what the pod used to do").isEqualTo(10);
        assertThat(Rebalancer.toMoveThisRound(100, 100, "pod-0", loads(100, 0), loads(100, 100), 0.2, 50, 0.1))
                .isZero();
    }

    @Test
    void anExcessStillThereARoundLaterMoves() {
        assertThat(Rebalancer.toMoveThisRound(100, 100, "pod-0", loads(100, 0), loads(100, 0), 0.2, 50, 0.1)).isEqualTo(10);
        assertThat(Rebalancer.toMoveThisRound(1000, 1200, "pod-1", loads(0, 1000), loads(0, 1200), 0.2, 1, 0.1))
                .as("the lower of the two counts").isEqualTo(100);
    }

    @Test
    void clientsAreSentToAPodAtOrBelowTheAverage() {
        for (int i = 0; i < 20; i++) {
            assertThat(ConnectResource.pick(loads(30, 10, 20))).isIn("ws://pod-1", "ws://pod-2");
        }
        assertThat(ConnectResource.pick(List.of(new PodLoads.PodLoad("p", 3, null)))).isNull();
    }
}
