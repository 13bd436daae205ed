package dev.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every {@link PodLoads} adapter must do. */
public abstract class PodLoadsContract {

    /** A pod's view of the loads, with this socket URL. */
    protected abstract PodLoads pod(String socketUrl);

    @Test
    void aPodSeesWhatItLastPublishedUnderItsOwnId() {
        PodLoads pod = pod("ws://pod-a/api/v1/ws");
        pod.publish(7);
        pod.publish(9);
        assertThat(pod.all()).filteredOn(load -> load.pod().equals(pod.self()))
                .containsExactly(new PodLoads.PodLoad(pod.self(), 9, "ws://pod-a/api/v1/ws"));
    }

    @Test
    void aWithdrawnPodIsNamedToNobodyInACluster() {
        PodLoads pod = pod("ws://pod-b/api/v1/ws");
        pod.publish(3);
        pod.withdraw();
        assertThat(pod.all()).filteredOn(load -> load.pod().equals(pod.self()))
                .hasSizeLessThanOrEqualTo(1); // one process stays its own cluster; a cluster pod is gone
    }
}
