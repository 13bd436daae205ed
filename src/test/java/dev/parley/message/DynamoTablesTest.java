package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.support.ClusterServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Table set-up as pods starting together meet it, on dynalite (which keeps a new table CREATING for a while). */
@ExtendWith(ClusterServers.class)
class DynamoTablesTest {

    private final DynamoDbClient dynamo;

    DynamoTablesTest(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    @Test
    void aTableAnotherPodIsStillCreatingIsWaitedForNotTakenAsReady() {
        String messages = "messages_" + UUID.randomUUID().toString().replace("-", "");
        String clientIds = "client_ids_" + UUID.randomUUID().toString().replace("-", "");
        // "Another pod" has just asked for both tables: they exist, but are not active yet.
        dynamo.createTable(b -> b.tableName(messages).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("channel_id", ScalarAttributeType.S), attribute("seq", ScalarAttributeType.N))
                .keySchema(key("channel_id", KeyType.HASH), key("seq", KeyType.RANGE)));
        dynamo.createTable(b -> b.tableName(clientIds).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("key", ScalarAttributeType.S)).keySchema(key("key", KeyType.HASH)));

        new DynamoTables(dynamo, messages, clientIds, true).ensureExist();

        assertThat(dynamo.describeTable(b -> b.tableName(messages)).table().tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(dynamo.describeTable(b -> b.tableName(clientIds)).table().tableStatus()).isEqualTo(TableStatus.ACTIVE);
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
