package dev.parley.cluster;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link dev.parley.gateway.ConcurrentSendersTest}, in cluster mode. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterConcurrentSendersTest extends dev.parley.gateway.ConcurrentSendersTest {
}
