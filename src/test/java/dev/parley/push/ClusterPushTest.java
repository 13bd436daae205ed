package dev.parley.push;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link PushTest}, in cluster mode: the pushes go through SNS (the test's SNS endpoint). */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterPushTest extends PushTest {
}
