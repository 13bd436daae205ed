package dev.parley.cluster;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link dev.parley.message.HistoryPagingTest}, in cluster mode. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterHistoryPagingTest extends dev.parley.message.HistoryPagingTest {
}
