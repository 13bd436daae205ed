package dev.parley.account;

import dev.parley.support.LimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AuthLimitsTest}, in cluster mode: the budgets kept in Redis. */
@QuarkusTest
@TestProfile(LimitsProfile.InCluster.class)
class ClusterAuthLimitsTest extends AuthLimitsTest {
}
