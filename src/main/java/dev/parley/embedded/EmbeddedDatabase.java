package dev.parley.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server embedded mode runs from binaries shipped inside a Maven artifact, with its data under
 * {@code <data-dir>/postgres}. One server per data directory per JVM: a dev-mode restart reuses the running one.
 */
final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** JVM-wide marker, because dev mode reloads this class in a new class loader on every restart. */
    // Outside the parley.* namespace, which config validation would reject as unknown keys.
    private static final String STARTED_MARKER = "dev.parley.embedded.running-db@";

    private EmbeddedDatabase() {
    }

    static synchronized String jdbcUrl(Path dataDir) {
        Path pgDir = dataDir.toAbsolutePath().normalize().resolve("postgres");
        String marker = STARTED_MARKER + pgDir;
        String running = System.getProperty(marker);
        if (running != null) {
            return running;
        }
        try {
            Files.createDirectories(pgDir);
            stopOrphanedServer(pgDir);
            long started = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    // zonky turns synchronous commit off for speed; Parley acks only what is on disk.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            String url = pg.getJdbcUrl("postgres", "postgres");
            LOG.infof("Embedded PostgreSQL started on port %d in %d ms, data in %s", pg.getPort(),
                    (System.nanoTime() - started) / 1_000_000, pgDir);
            System.setProperty(marker, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgDir, e);
        }
    }

    /**
     * A Parley killed with SIGKILL leaves its postgres running on the data directory, which blocks the next start.
     * If no live JVM holds the embedded server's lock file, such a server is an orphan: stop it.
     */
    private static void stopOrphanedServer(Path pgDir) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        Path lockFile = pgDir.resolve("epg-lock");
        if (!Files.exists(pidFile) || !Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return; // another live process owns this server
            }
            Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
            if (orphan.isEmpty()) {
                return;
            }
            LOG.warnf("Stopping orphaned embedded PostgreSQL (pid %d) left by an earlier run", orphan.get().pid());
            orphan.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown
            orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IOException("Orphaned PostgreSQL in " + pgDir + " did not stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping orphaned PostgreSQL", e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        try {
            return Optional.of(Long.parseLong(firstLine));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
