package dev.parley.cluster;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link dev.parley.account.AccountResourceTest}, in cluster mode. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterAccountResourceTest extends dev.parley.account.AccountResourceTest {
}
