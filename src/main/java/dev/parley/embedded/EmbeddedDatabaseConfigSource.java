package dev.parley.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource settings of embedded mode. The server is started lazily, on the first read of the JDBC
 * URL, so building the application never starts PostgreSQL.
 */
final class EmbeddedDatabaseConfigSource implements ConfigSource {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final Map<String, String> FIXED = Map.of("quarkus.datasource.username", "postgres");

    private final Path dataDir;

    EmbeddedDatabaseConfigSource(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * Deliberately empty: Quarkus copies the values of listed names into the built application as defaults, which
     * would start PostgreSQL during the build and bake in its port. Values are still found by name.
     */
    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (JDBC_URL.equals(propertyName)) {
            return EmbeddedDatabase.jdbcUrl(dataDir);
        }
        return FIXED.get(propertyName);
    }

    @Override
    public String getName() {
        return "parley-embedded-database";
    }

    @Override
    public int getOrdinal() {
        // Below application.properties (250) and the environment (300): an explicit datasource always wins.
        return 200;
    }
}
