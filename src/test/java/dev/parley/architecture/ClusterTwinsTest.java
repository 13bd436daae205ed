package dev.parley.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every test that runs the application in embedded mode runs in cluster mode too, so a new test cannot silently miss
 * cluster mode: a protocol test has a twin beside it ({@code Cluster<Name>} in the same package, extending it, with
 * the cluster profile), and an adapter test extends a {@code *Contract} that the other mode's adapter test extends too.
 */
class ClusterTwinsTest {

    private final JavaClasses tests = new ClassFileImporter().importPath(java.nio.file.Path.of("target", "test-classes"));

    @Test
    void everyEmbeddedApplicationTestHasAClusterTwin() {
        List<String> missing = new ArrayList<>();
        for (JavaClass test : tests) {
            if (test.isAnnotatedWith(QuarkusTest.class) && !test.getModifiers().contains(JavaModifier.ABSTRACT)
                    && !inClusterMode(test) && !coveredInClusterMode(test)) {
                missing.add(test.getName());
            }
        }
        assertThat(missing).as("tests without a cluster twin (add Cluster<Name> beside each)").isEmpty();
    }

    private boolean coveredInClusterMode(JavaClass test) {
        boolean twinBeside = tests.stream().anyMatch(other -> inClusterMode(other)
                && other.getRawSuperclass().map(test::equals).orElse(false)
                && other.getSimpleName().equals("Cluster" + test.getSimpleName())
                && other.getPackageName().equals(test.getPackageName()));
        Optional<JavaClass> contract = test.getRawSuperclass().filter(c -> c.getSimpleName().endsWith("Contract"));
        boolean contractRunBothWays = contract.isPresent() && tests.stream()
                .anyMatch(other -> !other.equals(test) && other.getRawSuperclass().equals(contract));
        return twinBeside || contractRunBothWays;
    }

    private static boolean inClusterMode(JavaClass test) {
        return test.isAnnotatedWith(TestProfile.class)
                // A subclass of the cluster profile (cluster mode plus overrides) counts.
                && ClusterProfile.class.isAssignableFrom(test.getAnnotationOfType(TestProfile.class).value());
    }
}
