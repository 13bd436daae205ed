package dev.parley.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import dev.parley.support.ClusterServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The store alone: the three kinds of DynamoDB call a sequencer round makes (a pointers lookup of 100 keys, a
 * conditional head update, a batch write of 12 messages and 12 pointers), each issued open-ended at a fixed
 * concurrency against the test stack's dynalite for a few seconds, with the async client Parley uses. Prints calls
 * a second and latency per call, so the store's share of a send's latency can be read apart from Parley's.
 * {@code scripts/bench.sh store-latency [SECONDS]}.
 */
final class StoreLatency {

    private static final String TABLE = "bench_store_latency";
    private static final int[] CONCURRENCY = { 1, 4, 16, 64 };
    private static final String TEXT = "x".repeat(200);

    private StoreLatency() {
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        DynamoDbAsyncClient dynamo = ClusterServers.dynamoAsync();
        dynamo.createTable(CreateTableRequest.builder().tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("channel_id").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("seq").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("channel_id").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("seq").keyType(KeyType.RANGE).build())
                .build()).join();
        waitActive(dynamo);
        AtomicLong seqs = new AtomicLong();
        Map<String, IntFunction<CompletableFuture<?>>> calls = new java.util.LinkedHashMap<>();
        calls.put("BatchWriteItem, 24 items", i -> dynamo.batchWriteItem(BatchWriteItemRequest.builder()
                .requestItems(Map.of(TABLE, writes(i, seqs))).build()));
        calls.put("UpdateItem, conditional", i -> dynamo.updateItem(UpdateItemRequest.builder().tableName(TABLE)
                .key(key("head-" + (i % 50), 0)).updateExpression("SET last_seq = :n")
                .conditionExpression("attribute_not_exists(last_seq) OR last_seq < :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.builder().n(Long.toString(seqs.incrementAndGet())).build()))
                .build()));
        calls.put("BatchGetItem, 100 keys", i -> dynamo.batchGetItem(BatchGetItemRequest.builder()
                .requestItems(Map.of(TABLE, KeysAndAttributes.builder().keys(keys(i)).build())).build()));
        System.out.println("| call | concurrency | calls/s | p50 | p99 | max |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (Map.Entry<String, IntFunction<CompletableFuture<?>>> call : calls.entrySet()) {
            for (int concurrency : CONCURRENCY) {
                measure(call.getKey(), call.getValue(), concurrency, 1); // warm-up
                measure(call.getKey(), call.getValue(), concurrency, seconds);
            }
        }
    }

    private static void measure(String name, IntFunction<CompletableFuture<?>> call, int concurrency, int seconds)
            throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(3);
        Semaphore slots = new Semaphore(concurrency);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int issued = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            slots.acquire();
            long sent = System.nanoTime();
            call.apply(issued++).whenComplete((ok, failure) -> {
                latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                slots.release();
            });
        }
        slots.acquire(concurrency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (seconds > 1) {
            System.out.printf("| %s | %d | %.0f | %.1f ms | %.1f ms | %.1f ms |%n", name, concurrency, issued / elapsed,
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0);
        }
    }

    private static List<WriteRequest> writes(int call, AtomicLong seqs) {
        List<WriteRequest> items = new ArrayList<>();
        String channel = "c-" + (call % 50);
        for (int i = 0; i < 12; i++) {
            long seq = seqs.incrementAndGet();
            Map<String, AttributeValue> message = new HashMap<>(key(channel, seq));
            message.put("id", AttributeValue.builder().s(UUID.randomUUID().toString()).build());
            message.put("text", AttributeValue.builder().s(TEXT).build());
            items.add(WriteRequest.builder().putRequest(PutRequest.builder().item(message).build()).build());
            items.add(WriteRequest.builder().putRequest(PutRequest.builder().item(key("p-" + channel, seq)).build()).build());
        }
        return items;
    }

    private static List<Map<String, AttributeValue>> keys(int call) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(key("p-c-" + (call % 50), call * 100L + i + 1));
        }
        return keys;
    }

    private static Map<String, AttributeValue> key(String channel, long seq) {
        return Map.of("channel_id", AttributeValue.builder().s(channel).build(), "seq",
                AttributeValue.builder().n(Long.toString(seq)).build());
    }

    private static void waitActive(DynamoDbAsyncClient dynamo) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String status = dynamo.describeTable(b -> b.tableName(TABLE)).join().table().tableStatusAsString();
            if ("ACTIVE".equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("table " + TABLE + " never became active");
    }
}
