package dev.parley.gateway;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link LogOutTest}, in cluster mode (revocations in Redis, the close told through the registry's pods). */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterLogOutTest extends LogOutTest {
}
