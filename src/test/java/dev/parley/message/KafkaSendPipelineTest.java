package dev.parley.message;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ClusterProfile.class)
class KafkaSendPipelineTest extends SendPipelineContract {
}
