package dev.parley.media;

import dev.parley.support.LimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link UploadLimitsTest}, in cluster mode: the budget in Redis. */
@QuarkusTest
@TestProfile(LimitsProfile.InCluster.class)
class ClusterUploadLimitsTest extends UploadLimitsTest {
}
