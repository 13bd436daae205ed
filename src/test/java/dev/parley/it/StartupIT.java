package dev.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.ClusterStack;
import dev.parley.support.FreePorts;
import dev.parley.support.ParleyProcess;
import dev.parley.support.Waits;

/**
 * Joining the cluster and checking its tables and bucket run off the start path (StartupWork): a pod answers before
 * they are done. One that cannot finish them must never say it is ready, and must end as a failed start does, not
 * linger half started.
 */
class StartupIT {

    @Test
    void aPodThatCannotReachKafkaIsNeverReadyAndExitsWithAFailure() throws Exception {
        Path log = Files.createTempFile("parley-startup-it", ".log");
        Map<String, String> env = new HashMap<>(ClusterStack.get().parleyEnvironment(0));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePorts.next()); // nothing listens there
        ParleyProcess pod = new ParleyProcess(log, env).launch();
        try {
            int status = Waits.until(() -> {
                assertThat(pod.answersReady()).as("ready without Kafka (log: %s)", log).isFalse();
                return pod.exitStatus().isPresent() ? pod.exitStatus().getAsInt() : null;
            }, "the pod to give up on Kafka and exit", Duration.ofSeconds(120));

            assertThat(status).isNotZero();
            assertThat(Files.readString(log)).contains("Start-up failed: Joining the cluster");
        } finally {
            pod.kill();
        }
    }
}
