package dev.parley.gateway;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link SessionEndTest}, in cluster mode (the ticket's session end kept in Redis). */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterSessionEndTest extends SessionEndTest {
}
