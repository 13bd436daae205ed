package dev.parley.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Parley (target/quarkus-app/quarkus-run.jar) run as its own process, as an operator runs it, for tests
 * of what only a whole process shows: restarts, crashes, start-up.
 */
public final class ParleyProcess implements AutoCloseable {

    private final Path jar;
    private final Path log;
    private final Map<String, String> env;
    private final int port;
    /** The management interface's port (health, metrics): kept across restarts, like the public one. */
    private final int managementPort = freePort();
    private Process process;
    private List<String> jvmOptions = List.of();

    /** Tests and benchmarks sign up and log in many users from one address: the per-address budgets are for attackers. */
    private static final Map<String, String> ONE_ADDRESS_MANY_USERS = Map.of(
            "PARLEY_LIMITS_SIGNUP_PER_ADDRESS_BURST", "1000000", "PARLEY_LIMITS_LOGIN_PER_ADDRESS_BURST", "1000000");

    private static final java.time.Duration STARTUP_TIMEOUT = java.time.Duration.ofSeconds(90);

    public ParleyProcess(Path log, Map<String, String> env) {
        this(log, env, freePort());
    }

    /**
     * The native executable the packaged-app tests run instead of the jar when {@code -Dparley.runner=<path>} is given
     * (as Quarkus's integration tests do with {@code -Dnative}); blank for the jar.
     */
    private static final String NATIVE_RUNNER = System.getProperty("parley.runner", "");

    /**
     * Options for every jar-run JVM, space-separated, from {@code -Dparley.jvmOptions=...}: for a benchmark of the
     * pods under other JIT or GC settings (docs/benchmarks.md). Empty by default.
     */
    private static final List<String> EXTRA_JVM_OPTIONS = List.of(System.getProperty("parley.jvmOptions", "").trim().split("\\s+"))
            .stream().filter(option -> !option.isEmpty()).toList();

    public ParleyProcess(Path log, Map<String, String> env, int port) {
        this.jar = Path.of(System.getProperty("parley.jar", "target/quarkus-app/quarkus-run.jar"));
        this.log = log;
        this.env = env;
        this.port = port;
    }

    /** The options every jar-run JVM gets from {@code -Dparley.jvmOptions}; empty unless given. */
    public static List<String> extraJvmOptions() {
        return EXTRA_JVM_OPTIONS;
    }

    /** True when the tests run the native executable (which serves cluster mode only) instead of the jar. */
    public static boolean isNative() {
        return !NATIVE_RUNNER.isBlank();
    }

    /** The native executable under test; only when {@link #isNative()}. */
    public static Path nativeRunner() {
        return Path.of(NATIVE_RUNNER).toAbsolutePath();
    }

    /** Where the process writes its output. */
    public Path log() {
        return log;
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the process, to read its CPU time and memory. */
    public long pid() {
        return process.pid();
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    /** Where /q/health and /q/metrics are served: the management interface, not the public port. */
    public URI managementUri() {
        return URI.create("http://localhost:" + managementPort);
    }

    public URI wsUri() {
        return URI.create("ws://localhost:" + port + "/api/v1/ws");
    }

    /** The sum of every sample of a metric on the pod's /q/metrics, 0 if it has none. */
    public double metric(String name) {
        String text;
        try {
            text = new String(managementUri().resolve("/q/metrics").toURL().openStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * What the pod holds, in bytes: the heap still live after a full collection (run here through jcmd) plus Netty's
     * buffers, where frames wait that a socket has not taken yet. Garbage and free pool space are not counted.
     */
    public long heldMemoryBytes() {
        try {
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                throw new AssertionError("jcmd GC.run failed on " + process.pid());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (long) (metric("jvm_gc_live_data_size_bytes") + metric("netty_allocator_memory_used"));
    }

    public ParleyProcess start() {
        launch();
        // Several pods starting at once beside the whole stack on two busy cores can take longer than a test step.
        Waits.until(() -> isReady() ? Boolean.TRUE : null, "Parley on port " + port + " to be ready (log: " + log + ")",
                STARTUP_TIMEOUT);
        return this;
    }

    /**
     * The start-up archive the build writes beside the jar (AppCDS, docs/operations.md), as an operator passes it; none
     * when the jar was built without it. An archive the JVM cannot use is only warned about, so a test never depends
     * on it (StartupArchiveIT checks that it is used).
     */
    public static List<String> startupArchiveOption(Path jar) {
        Path archive = jar.toAbsolutePath().resolveSibling(STARTUP_ARCHIVE);
        return java.nio.file.Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    /** The file name of the start-up archive beside quarkus-run.jar. */
    public static final String STARTUP_ARCHIVE = "app-cds.jsa";

    /** More options for the JVM that runs the jar (not the native executable), from the next start on. */
    public ParleyProcess withJvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    /** Starts the process without waiting for it to be ready: for tests of the start itself. */
    public ParleyProcess launch() {
        List<String> command = new ArrayList<>();
        if (NATIVE_RUNNER.isBlank()) {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
            command.addAll(startupArchiveOption(jar));
            command.addAll(EXTRA_JVM_OPTIONS);
            command.addAll(jvmOptions);
        } else {
            command.addAll(List.of(Path.of(NATIVE_RUNNER).toAbsolutePath().toString(), "-Xmx512m"));
        }
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort));
        if (NATIVE_RUNNER.isBlank()) {
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (NATIVE_RUNNER.isBlank()) {
            builder.directory(jar.toAbsolutePath().getParent().toFile()); // the archive names the jar from there
        }
        builder.environment().putAll(ONE_ADDRESS_MANY_USERS);
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + jar, e);
        }
        return this;
    }

    /** The process's exit status once it has exited; empty while it runs. */
    public java.util.OptionalInt exitStatus() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** Whether /q/health/ready answers 200 right now (false while it does not answer at all). */
    public boolean answersReady() {
        try {
            HttpURLConnection connection = (HttpURLConnection) managementUri().resolve("/q/health/ready").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, as Kubernetes or systemd stop a process, and wait for it to exit. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    /** SIGTERM without waiting: for tests that watch the drain. */
    public void signalStop() {
        process.destroy();
    }

    /** Waits for the process to exit; false if it is still running after the timeout. */
    public boolean awaitExit(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGSTOP: the process freezes (a long GC pause, a stalled VM) until {@link #resume}. */
    public void pause() {
        signal("-STOP");
    }

    /** SIGCONT. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String which) {
        try {
            Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill " + which + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the process again if it has exited (a test that killed it and failed before restarting it). */
    public void restartIfDead() {
        if (process == null || !process.isAlive()) {
            start();
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("Parley did not exit within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isReady() {
        if (!process.isAlive()) {
            throw new AssertionError("Parley exited with " + process.exitValue() + "; see " + log + ", which ends:\n"
                    + lastLines(40));
        }
        return answersReady();
    }

    /** The log's last lines, for a failure message that shows why without the file (CI keeps only its output). */
    private String lastLines(int count) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private static int freePort() {
        return FreePorts.next();
    }
}
