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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server embedded mode runs from binaries shipped inside a Maven artifact, with its data under
 * {@code <data-dir>/postgres}. One server per data directory: a dev-mode or test restart reuses the running one.
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

    static synchronized String jdbcUrl(Path dataDir) {
        Path pgDir = dataDir.toAbsolutePath().normalize().resolve("postgres");
        try {
            Files.createDirectories(pgDir);
            Optional<Integer> runningHere = adoptOrStopRunningServer(pgDir);
            if (runningHere.isPresent()) {
                return jdbcUrl(runningHere.get());
            }
            long started = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    // zonky turns synchronous commit off for speed; Parley acks only what is on disk.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // A packaged Parley stops the server itself, after draining (EmbeddedDatabaseShutdown); zonky's
                    // JVM hook would stop it at SIGTERM, in the middle of the drain. Dev and test keep the hook.
                    .setRegisterShutdownHook(LaunchMode.current() != LaunchMode.NORMAL)
                    .start();
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                startedHere = pg;
            }
            LOG.infof("Embedded PostgreSQL started on port %d in %d ms, data in %s", pg.getPort(),
                    (System.nanoTime() - started) / 1_000_000, pgDir);
            return jdbcUrl(pg.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgDir, e);
        }
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
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
