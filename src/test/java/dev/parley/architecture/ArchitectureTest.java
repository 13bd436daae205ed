package dev.parley.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import dev.parley.config.ParleyConfig;

/**
 * The shape docs/architecture.md describes, checked over the compiled classes: packages sit in layers along the
 * message path and import only layers below their own, and only the port producers and the cluster node read the
 * mode. A change that breaks either fails here, with the offending dependency named.
 */
class ArchitectureTest {

    /**
     * Top to bottom. A package may import packages of lower layers only; packages of one layer (peers) may not
     * import each other. Every package of dev.parley must be listed, so a new one gets a place on purpose.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of("gateway"),
            List.of("presence", "push"),
            List.of("message"),
            List.of("media"),
            List.of("channel"),
            List.of("block"),
            List.of("account"),
            List.of("auth", "limits"),
            List.of("delivery"),
            List.of("cluster"),
            List.of("embedded"),
            List.of("common", "config"));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // The build's own class folder: scanning the whole class path for the package takes seconds.
        classes = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void everyPackageHasALayer() {
        Set<String> packages = new TreeSet<>();
        classes.forEach(c -> packages.add(c.getPackageName().replaceFirst("^dev\\.parley\\.?", "").split("\\.")[0]));
        packages.remove("");
        assertThat(LAYERS.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void noPackageImportsOneAboveItOrBesideIt() {
        Map<String, Integer> rank = new LinkedHashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String pkg : LAYERS.get(i)) {
                rank.put(pkg, i);
            }
        }
        for (String pkg : rank.keySet()) {
            List<String> notBelow = new ArrayList<>();
            rank.forEach((other, r) -> {
                if (!other.equals(pkg) && r <= rank.get(pkg)) {
                    notBelow.add("dev.parley." + other + "..");
                }
            });
            if (notBelow.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage("dev.parley." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(notBelow.toArray(String[]::new))
                    .because(pkg + " sits below those packages (docs/architecture.md, \"Packages and layers\")")
                    .check(classes);
        }
    }

    @Test
    void onlyThePortProducersAndTheClusterNodeReadTheMode() {
        noClasses().that().haveSimpleNameNotEndingWith("Ports").and().doNotHaveSimpleName("ClusterNode")
                .should().callMethod(ParleyConfig.class, "mode")
                .because("an adapter is chosen in exactly one place per port; nothing else looks at the mode")
                .check(classes);
    }

    /** The datasource is read before CDI exists, so its embedded server is chosen by a config source instead. */
    @Test
    void theModeIsReadByNameOnlyWhereTheDatasourceIsChosen() throws IOException {
        List<String> readers;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            readers = sources.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("\"parley.mode\"");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> p.getFileName().toString()).toList();
        }
        assertThat(readers).containsExactly("EmbeddedDatabaseConfigSourceFactory.java");
    }
}
