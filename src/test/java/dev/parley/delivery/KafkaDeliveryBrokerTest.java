package dev.parley.delivery;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** In one JVM every user is on pod 0; the two-instance ClusterIT covers delivery to another pod. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class KafkaDeliveryBrokerTest extends DeliveryBrokerContract {
}
