package dev.parley.message;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LocalSendPipelineTest extends SendPipelineContract {
}
