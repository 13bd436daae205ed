package dev.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles cannot be built here (no Docker engine); this checks what can be: each one exists, starts from
 * the expected base, and copies only what the build produces or the repository holds.
 */
class ContainerFilesIT {

    private static final Path DOCKER = Path.of("src", "main", "docker");

    @Test
    void theJvmImageCopiesTheJarLayoutTheBuildProduced() throws Exception {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile.jvm"));
        assertThat(lines).anyMatch(line -> line.startsWith("FROM ") && line.contains("openjdk-17"));
        for (String line : lines) {
            if (line.startsWith("COPY ")) {
                String source = line.split("\\s+")[2];
                Path base = Path.of(source.replace("*.jar", ""));
                assertThat(base).as(line).exists();
            }
        }
        assertThat(Path.of("target/quarkus-app/quarkus-run.jar")).exists();
    }

    @Test
    void theJvmImageMakesItsStartupArchiveWithItsOwnJdkAndStartsWithIt() throws Exception {
        String text = Files.readString(DOCKER.resolve("Dockerfile.jvm"));
        // Made in the image (an archive only fits the JDK build that wrote it), from the directory the pod runs in.
        assertThat(text).contains("WORKDIR /deployments")
                .contains("RUN java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar quarkus-run.jar")
                .contains("-XX:SharedArchiveFile=app-cds.jsa").contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
        assertThat(text.indexOf("WORKDIR /deployments")).isLessThan(text.indexOf("RUN java"));
        assertThat(text).as("the build's own archive is another JDK's").doesNotContain("COPY --chown=185 target/quarkus-app/app-cds.jsa");
        // The layout the JDK's class loader can archive: every class on the manifest's class path.
        assertThat(Files.readString(Path.of("src/main/resources/application.properties")))
                .contains("quarkus.package.jar.aot.enabled=true").contains("quarkus.package.jar.aot.type=AppCDS");
    }

    @Test
    void theNativeImagesRunTheRunnerInClusterMode() throws Exception {
        for (String file : List.of("Dockerfile.native", "Dockerfile.native-micro", "Dockerfile.native-multistage")) {
            String text = Files.readString(DOCKER.resolve(file));
            assertThat(text).as(file).contains("target/*-runner").contains("ENV PARLEY_MODE=cluster")
                    .contains("ENTRYPOINT [\"./application\"");
        }
        String multistage = Files.readString(DOCKER.resolve("Dockerfile.native-multistage"));
        assertThat(multistage).contains("mandrel-builder-image").contains("-Pnative");
        // The image a pod runs must read its cgroup limits (heap sized to the container, CPU count): only the
        // stand-in builder of this machine turns container support off, never the build the Dockerfile runs.
        for (Path build : List.of(DOCKER.resolve("Dockerfile.native-multistage"), Path.of("pom.xml"),
                Path.of("src/main/resources/application.properties"))) {
            assertThat(Files.readString(build)).as(build.toString()).doesNotContain("UseContainerSupport");
        }
        for (String copied : List.of("mvnw", "pom.xml", "src")) {
            assertThat(Path.of(copied)).exists();
        }
    }
}
