package dev.parley.message;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates the history tables when asked to (dev and test; Terraform owns them in production), or checks them. */
@ApplicationScoped
public class DynamoTables {

    private static final Logger LOG = Logger.getLogger(DynamoTables.class);

    private final DynamoDbClient dynamo;
    private final String messagesTable;
    private final String clientIdsTable;
    private final boolean create;

    @jakarta.inject.Inject
    DynamoTables(DynamoDbClient dynamo, ParleyConfig config) {
        this(dynamo, config.dynamodb().messagesTable(), config.dynamodb().clientIdsTable(), config.dynamodb().createTables());
    }

    DynamoTables(DynamoDbClient dynamo, String messagesTable, String clientIdsTable, boolean create) {
        this.dynamo = dynamo;
        this.messagesTable = messagesTable;
        this.clientIdsTable = clientIdsTable;
        this.create = create;
    }

    /** Creates the tables if asked to, then fails unless both exist. */
    public void ensureExist() {
        if (create) {
            create(messagesTable, "channel_id", ScalarAttributeType.S, "seq", ScalarAttributeType.N);
            create(clientIdsTable, "key", ScalarAttributeType.S, null, null);
        }
        describe(messagesTable);
        describe(clientIdsTable);
    }

    /** Throws unless the messages table answers; the readiness probe. */
    public void check() {
        describe(messagesTable);
    }

    private void describe(String table) {
        dynamo.describeTable(DescribeTableRequest.builder().tableName(table).build());
    }

    private void create(String table, String hashKey, ScalarAttributeType hashType, String rangeKey,
            ScalarAttributeType rangeType) {
        try {
            awaitActive(table); // another pod may have just created it: it takes no items until active
            return;
        } catch (ResourceNotFoundException e) {
            // create it below
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (rangeKey == null) {
            request.attributeDefinitions(attribute(hashKey, hashType))
                    .keySchema(key(hashKey, KeyType.HASH));
        } else {
            request.attributeDefinitions(attribute(hashKey, hashType), attribute(rangeKey, rangeType))
                    .keySchema(key(hashKey, KeyType.HASH), key(rangeKey, KeyType.RANGE));
        }
        try {
            dynamo.createTable(request.build());
            LOG.infof("Created DynamoDB table %s", table);
        } catch (ResourceInUseException e) {
            // another pod created it first
        }
        awaitActive(table);
    }

    /** Polls every 200 ms (the SDK's waiter polls every 20 s, too slow for a start-up). */
    private void awaitActive(String table) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (dynamo.describeTable(DescribeTableRequest.builder().tableName(table).build()).table()
                .tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("DynamoDB table " + table + " did not become active within 60 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for table " + table);
            }
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
