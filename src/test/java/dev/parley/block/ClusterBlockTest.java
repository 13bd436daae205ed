package dev.parley.block;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link BlockTest}, in cluster mode (the closed chat dropped from every pod's copy, watches ended through the bus). */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterBlockTest extends BlockTest {
}
