package dev.parley.support;

import java.time.Duration;

import dev.parley.cluster.StartupWork;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Before each @QuarkusTest method, waits until the application's start-up work (joining the cluster, checking its
 * tables and bucket) has finished: it runs off the start path, and a pod takes no traffic before it is done
 * (readiness), so neither may a test. Nothing to wait for in embedded mode.
 */
public class AwaitStartupWork implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        var work = Arc.container().instance(StartupWork.class);
        if (work.isAvailable()) {
            work.get().awaitSettled(Duration.ofSeconds(60));
        }
    }
}
