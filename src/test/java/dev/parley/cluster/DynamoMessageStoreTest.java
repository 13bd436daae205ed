package dev.parley.cluster;

import jakarta.inject.Inject;

import dev.parley.message.DynamoMessageStore;
import dev.parley.message.MessageStore;
import dev.parley.message.MessageStoreContract;
import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ClusterProfile.class)
class DynamoMessageStoreTest extends MessageStoreContract {

    @Inject
    DynamoMessageStore store;

    @Override
    protected MessageStore store() {
        return store;
    }
}
