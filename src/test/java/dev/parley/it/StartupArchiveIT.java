package dev.parley.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.ParleyProcess;

/**
 * The build writes a start-up archive beside the jar (AppCDS: docs/operations.md, "Start-up and memory"). An
 * archive the JVM cannot use is silently ignored by default, so a start would only be slower; here the JVM is told
 * to refuse to start without it ({@code -Xshare:on}), and the classes it loaded are checked to come from it.
 */
class StartupArchiveIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void theJarStartsWithTheArchiveTheBuildMadeAndLoadsItsClassesFromIt() throws Exception {
        assumeFalse(ParleyProcess.isNative(), "the archive is the JVM's; the native executable has none");
        assertThat(JAR.resolveSibling(ParleyProcess.STARTUP_ARCHIVE)).exists();
        assertThat(ParleyProcess.startupArchiveOption(JAR)).hasSize(1);

        Path log = Files.createTempFile("parley-archive-it", ".log");
        Path classes = Files.createTempFile("parley-archive-it", ".classes");
        Path data = Files.createTempDirectory("parley-archive-it");
        try (ParleyProcess jar = new ParleyProcess(log, Map.of("PARLEY_DATA_DIR", data.toString()))
                .withJvmOptions(List.of("-Xshare:on", "-Xlog:class+load=info:file=" + classes))) {
            jar.start(); // with -Xshare:on an archive that does not fit this jar or this JDK fails the start

            List<String> parleyClasses = Files.readAllLines(classes).stream()
                    .filter(line -> line.contains(" dev.parley.")).toList();
            long fromArchive = parleyClasses.stream().filter(line -> line.contains("source: shared objects file")).count();
            assertThat(parleyClasses).as("Parley's classes loaded until ready").isNotEmpty();
            assertThat(fromArchive).as("of %d Parley classes loaded until ready, from the archive (log: %s)",
                    parleyClasses.size(), classes).isGreaterThan(parleyClasses.size() / 2);
        }
    }
}
