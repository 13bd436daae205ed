package dev.parley.gateway;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AttachmentsTest}, in cluster mode: the bytes in S3 (s3rver), the messages in DynamoDB. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class ClusterAttachmentsTest extends AttachmentsTest {
}
