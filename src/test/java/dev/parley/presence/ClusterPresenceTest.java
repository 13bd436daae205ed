package dev.parley.cluster;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link dev.parley.presence.PresenceTest}, in cluster mode. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterPresenceTest extends dev.parley.presence.PresenceTest {
}
