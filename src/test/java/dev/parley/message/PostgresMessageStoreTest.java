package dev.parley.message;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PostgresMessageStoreTest extends MessageStoreContract {

    @Inject
    PostgresMessageStore store;

    @Override
    protected MessageStore store() {
        return store;
    }
}
