package dev.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalPodLoadsTest extends PodLoadsContract {

    @Override
    protected PodLoads pod(String socketUrl) {
        return new LocalPodLoads(socketUrl);
    }

    @Test
    void oneProcessIsTheWholeCluster() {
        assertThat(pod(null).all()).hasSize(1);
    }
}
