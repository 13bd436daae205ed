package dev.parley.delivery;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LocalDeliveryBrokerTest extends DeliveryBrokerContract {
}
