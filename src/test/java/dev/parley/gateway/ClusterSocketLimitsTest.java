package dev.parley.gateway;

import dev.parley.support.LimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link SocketLimitsTest}, in cluster mode. */
@QuarkusTest
@TestProfile(LimitsProfile.InCluster.class)
class ClusterSocketLimitsTest extends SocketLimitsTest {
}
