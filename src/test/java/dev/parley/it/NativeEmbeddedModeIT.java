package dev.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dev.parley.support.ParleyProcess;

/**
 * The native executable serves cluster mode only (the embedded PostgreSQL's binaries ship in a jar it does not
 * carry): started in embedded mode, it must stop at once and say what to do instead, not fail obscurely later.
 */
@EnabledIf("dev.parley.support.ParleyProcess#isNative")
class NativeEmbeddedModeIT {

    @Test
    void theNativeExecutableRefusesEmbeddedModeAtStartWithAClearMessage() throws IOException, InterruptedException {
        Path log = Files.createTempFile("parley-native-embedded", ".log");
        ProcessBuilder builder = new ProcessBuilder(ParleyProcess.nativeRunner().toString(),
                "-Dquarkus.http.port=" + freePort(), "-Dquarkus.management.port=" + freePort())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PARLEY_DATA_DIR", Files.createTempDirectory("parley-native-embedded").toString());
        Process process = builder.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("Embedded mode runs on the JVM only", "PARLEY_MODE=cluster");
    }

    private static int freePort() {
        return dev.parley.support.FreePorts.next();
    }
}
