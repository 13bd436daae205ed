package dev.parley.channel;

import dev.parley.support.LimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ChannelCapTest}, in cluster mode. */
@QuarkusTest
@TestProfile(LimitsProfile.InCluster.class)
class ClusterChannelCapTest extends ChannelCapTest {
}
