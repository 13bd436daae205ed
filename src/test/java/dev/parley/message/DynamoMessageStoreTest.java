package dev.parley.message;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link MessageStoreContract} against the DynamoDB adapter, on dynalite, in tables of its own. */
@ExtendWith(ClusterServers.class)
class DynamoMessageStoreTest extends MessageStoreContract {

    private final MessageStore store;

    DynamoMessageStoreTest(DynamoDbClient dynamo) {
        new DynamoTables(dynamo, "test_messages", "test_client_ids", true).ensureExist();
        this.store = new DynamoMessageStore(dynamo, "test_messages", "test_client_ids");
    }

    @Override
    protected MessageStore store() {
        return store;
    }
}
