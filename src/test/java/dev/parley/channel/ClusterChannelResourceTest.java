package dev.parley.cluster;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link dev.parley.channel.ChannelResourceTest}, in cluster mode. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterChannelResourceTest extends dev.parley.channel.ChannelResourceTest {
}
