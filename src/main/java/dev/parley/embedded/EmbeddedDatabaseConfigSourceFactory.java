package dev.parley.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * In embedded mode (the default), points the datasource at the embedded PostgreSQL unless a JDBC URL is configured.
 * Registered through META-INF/services because the datasource reads its URL before any CDI bean exists.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    /**
     * Set on the run in which the build records the classes for the start-up archive (AppCDS): that run stops
     * after the application is loaded, before any shutdown hook, so a database started in it would be left running.
     */
    static final String ARCHIVE_RUN = "quarkus.appcds.generate";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String mode = valueOf(context, "parley.mode", "embedded");
        if (!"embedded".equalsIgnoreCase(mode)) {
            return List.of();
        }
        if (valueOf(context, EmbeddedDatabaseConfigSource.JDBC_URL, null) != null || Boolean.getBoolean(ARCHIVE_RUN)) {
            return List.of();
        }
        Path dataDir = Path.of(valueOf(context, "parley.data-dir", "./data"));
        return List.of(new EmbeddedDatabaseConfigSource(dataDir));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(200);
    }

    private static String valueOf(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }
}
