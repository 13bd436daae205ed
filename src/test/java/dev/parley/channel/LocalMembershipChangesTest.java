package dev.parley.channel;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LocalMembershipChangesTest extends MembershipChangesContract {
}
