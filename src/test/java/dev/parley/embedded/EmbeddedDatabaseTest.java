package dev.parley.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 8: the embedded PostgreSQL trusted every local connection (initdb's trust), so any local user could
 * read every account and message. Now only who has the password kept owner-only in the data directory gets in, over
 * the loopback interface only; and it stays so across restarts.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        EmbeddedDatabase.stopIfStartedHere();
    }

    @Test
    void onlyTheKeptPasswordGetsInOverLoopbackAndSoAfterARestart() throws IOException, SQLException {
        String url = withoutPassword(EmbeddedDatabase.jdbcUrl(dataDir));
        String password = EmbeddedDatabase.password(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres-password"))))
                .isEqualTo("rw-------");
        assertRefused(url, "");
        assertRefused(url, "guess");
        try (Connection connection = connect(url, password);
                ResultSet listening = connection.createStatement().executeQuery("SHOW listen_addresses")) {
            listening.next();
            assertThat(listening.getString(1)).isEqualTo("localhost");
        }
        assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf")).lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())).allMatch(line -> line.endsWith("scram-sha-256"));

        EmbeddedDatabase.stopIfStartedHere();
        String withItsPassword = EmbeddedDatabase.jdbcUrl(dataDir);
        connect(withItsPassword, "").close(); // the URL Parley's datasource is given carries it
        String again = withoutPassword(withItsPassword);
        assertThat(EmbeddedDatabase.password(dataDir)).isEqualTo(password);
        assertRefused(again, "");
        connect(again, password).close();
    }

    private static String withoutPassword(String url) {
        return url.replaceFirst("&password=[^&]*", "");
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties properties = new Properties();
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static void assertRefused(String url, String password) {
        assertThatThrownBy(() -> connect(url, password).close()).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isIn("28P01", "08004"));
    }
}
