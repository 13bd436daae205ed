package dev.parley.push;

import jakarta.inject.Inject;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link PushNotifierContract} against the SNS adapter (the real AWS SDK, to the stack's SNS endpoint). */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class SnsPushNotifierContractTest extends PushNotifierContract {

    @Inject
    SnsPushNotifier notifier;

    @Override
    protected PushNotifier notifier() {
        return notifier;
    }
}
