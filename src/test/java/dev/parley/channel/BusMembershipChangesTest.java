package dev.parley.channel;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ClusterProfile.class)
class BusMembershipChangesTest extends MembershipChangesContract {
}
