package dev.parley.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import dev.parley.common.OwnerOnlyFiles;

import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.LaunchMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server embedded mode runs from binaries shipped inside a Maven artifact, with its data under
 * {@code <data-dir>/postgres}. One server per data directory: a dev-mode or test restart reuses the running one.
 * <p>
 * It listens on the loopback interface only and trusts nobody: initdb (run by zonky) trusts every local connection,
 * so at each start the {@code postgres} role gets the password kept (owner-only) in {@code <data-dir>/postgres-password}
 * and pg_hba.conf demands it (SCRAM) from every connection, socket or TCP, before Parley uses the server.
 */
final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    /** The server this class started in a packaged (prod) run, to stop at the end of shutdown. */
    private static EmbeddedPostgres startedHere;

    private EmbeddedDatabase() {
    }

    /** Stops the server if this run started it; called last on shutdown, once nothing needs the database. */
    static synchronized void stopIfStartedHere() {
        if (startedHere != null) {
            try {
                startedHere.close();
            } catch (IOException e) {
                LOG.warn("Stopping the embedded PostgreSQL failed", e);
            }
            startedHere = null;
        }
    }

    /** The password of the {@code postgres} role, created (random, owner-only) the first time it is asked for. */
    static synchronized String password(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("postgres-password");
        try {
            if (!Files.exists(file)) {
                OwnerOnlyFiles.createDirectories(file.getParent());
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                OwnerOnlyFiles.write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the embedded database's password in " + file, e);
        }
    }

    static synchronized String jdbcUrl(Path dataDir) {
        if (ImageMode.current() == ImageMode.NATIVE_RUN) {
            // The PostgreSQL binaries ship inside a jar that the native executable does not carry (nor should a
            // cluster pod's binary carry 10 MB of database it never runs).
            throw new IllegalStateException("Embedded mode runs on the JVM only: start the jar (java -jar "
                    + "target/quarkus-app/quarkus-run.jar, or ./mvnw quarkus:dev), or run this native executable in "
                    + "cluster mode (PARLEY_MODE=cluster), or give it a PostgreSQL with QUARKUS_DATASOURCE_JDBC_URL");
        }
        Path pgDir = dataDir.toAbsolutePath().normalize().resolve("postgres");
        String password = password(dataDir);
        try {
            Files.createDirectories(pgDir);
            Optional<Integer> runningHere = adoptOrStopRunningServer(pgDir);
            if (runningHere.isPresent()) {
                return jdbcUrl(runningHere.get(), password);
            }
            long started = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    // zonky turns synchronous commit off for speed; Parley acks only what is on disk.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "100")
                    // Loopback only, whatever the machine's network; the password is asked of every connection.
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky's readiness check connects as postgres: with the password once pg_hba.conf demands it.
                    .setConnectConfig("password", password)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // A packaged Parley stops the server itself, after draining (EmbeddedDatabaseShutdown); zonky's
                    // JVM hook would stop it at SIGTERM, in the middle of the drain. Dev and test keep the hook.
                    .setRegisterShutdownHook(LaunchMode.current() != LaunchMode.NORMAL)
                    .start();
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                startedHere = pg;
            }
            demandPassword(pg, pgDir, password);
            LOG.infof("Embedded PostgreSQL started on port %d in %d ms, data in %s", pg.getPort(),
                    (System.nanoTime() - started) / 1_000_000, pgDir);
            return jdbcUrl(pg.getPort(), password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgDir, e);
        }
    }

    /**
     * The password rides in the URL: Quarkus asks this config source for the URL by name, but reads the datasource
     * password only from names a source lists, and listing them would copy the value into the built application.
     */
    private static String jdbcUrl(int port, String password) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres&password=" + password;
    }

    /**
     * Sets the role's password, then makes pg_hba.conf ask for it (SCRAM) wherever initdb wrote trust, and reloads.
     * Idempotent, so a start after a crash between the steps, or on a data directory of an earlier Parley, ends
     * hardened too. The password goes in as a literal: it is base64url, without quotes.
     */
    private static void demandPassword(EmbeddedPostgres pg, Path pgDir, String password) throws IOException {
        try (Connection connection = pg.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
            Path hba = pgDir.resolve("pg_hba.conf");
            String rules = Files.readString(hba, StandardCharsets.UTF_8);
            String hardened = rules.lines().map(line -> line.startsWith("#") ? line : line.replaceAll("\\btrust\\b",
                    "scram-sha-256")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
            if (!hardened.equals(rules)) {
                OwnerOnlyFiles.write(hba, hardened);
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IOException("Could not make the embedded PostgreSQL ask for its password", e);
        }
    }

    /**
     * A server may already run on this data directory. Started by this JVM (a dev-mode or test restart, which
     * reloads this class and forgets every static): reuse it; the JVM's lock on zonky's lock file tells. Left by
     * a Parley killed with SIGKILL (nobody holds the lock): stop it. Held by another live process: refuse.
     */
    private static Optional<Integer> adoptOrStopRunningServer(Path pgDir) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        Path lockFile = pgDir.resolve("epg-lock");
        if (!Files.exists(pidFile) || !Files.exists(lockFile)) {
            return Optional.empty();
        }
        List<String> pidLines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> server = parse(pidLines, 0).flatMap(pid -> ProcessHandle.of(pid)).filter(ProcessHandle::isAlive);
        if (server.isEmpty()) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // This JVM holds the lock: the server is ours. Line 4 of postmaster.pid is its port.
                return parse(pidLines, 3).map(Long::intValue);
            }
            if (lock == null) {
                throw new IOException("Another process is using the embedded database in " + pgDir);
            }
            try (lock) {
                LOG.warnf("Stopping orphaned embedded PostgreSQL (pid %d) left by an earlier run", server.get().pid());
                server.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown
                server.get().onExit().get(30, TimeUnit.SECONDS);
                return Optional.empty();
            }
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("Orphaned PostgreSQL in " + pgDir + " did not stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping orphaned PostgreSQL", e);
        }
    }

    private static Optional<Long> parse(List<String> lines, int index) {
        try {
            return lines.size() > index ? Optional.of(Long.parseLong(lines.get(index).trim())) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
