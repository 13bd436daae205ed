package dev.parley.web;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link WebClientHeadersTest}, in cluster mode. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterWebClientHeadersTest extends WebClientHeadersTest {
}
