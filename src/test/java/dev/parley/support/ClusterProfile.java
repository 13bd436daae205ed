package dev.parley.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a @QuarkusTest in cluster mode, as pod 0 of the shared {@link ClusterStack}: the same tests as embedded mode,
 * on PostgreSQL, Redis, Kafka and DynamoDB.
 */
public class ClusterProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StackResource.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }

    public static class StackResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return ClusterStack.get().parleyConfig(0);
        }

        @Override
        public void stop() {
            // the stack is shared by every cluster test class and stops with the JVM
        }
    }
}
