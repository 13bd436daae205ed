package dev.parley.support;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Measures the packaged application's start: milliseconds from process start to the first answered request
 * (GET /q/health/live answering 200) and to readiness (GET /q/health/ready answering 200: the database, and in
 * cluster mode the start-up work done and Kafka, Redis, DynamoDB and S3 reached), and resident memory (VmRSS) once
 * ready. Variants: the jar in embedded and cluster mode, without and with the start-up archive the build writes beside
 * it (AppCDS, -XX:SharedArchiveFile), with the archive and C1 alone (-XX:TieredStopAtLevel=1), and a native executable in cluster mode when given one
 * (second argument). Runs go round the variants in turn, so a machine that slows down for a while slows every
 * variant alike. Run by scripts/measure-startup.sh; results go in docs/operations.md with the machine they came from.
 *
 * <p>
 * System properties: {@code startup.modes} (embedded,cluster), {@code startup.jvmArgs} (extra options for the
 * measured JVMs, space-separated; {@code {run}} becomes the variant and run, for a profiler's output file).
 */
public final class StartupBenchmark {

    private static final Path APP = Path.of("target/quarkus-app").toAbsolutePath();

    private record Variant(String name, List<String> command, IntFunction<Map<String, String>> env) {
    }

    private record Sample(long liveMs, long readyMs, long rssMiB, long cpuMs) {
    }

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> modes = List.of(System.getProperty("startup.modes", "embedded,cluster").split(","));
        List<Variant> variants = new ArrayList<>();
        IntFunction<Map<String, String>> embedded = i -> Map.of("PARLEY_DATA_DIR", freshDirectory());
        if (modes.contains("embedded")) {
            variants.add(new Variant("jar, embedded", jvm(false), embedded));
            variants.add(new Variant("jar + archive, embedded", jvm(true), embedded));
            variants.add(new Variant("jar + archive + C1, embedded", jvm(true, C1_ONLY), embedded));
        }
        if (modes.contains("cluster") || args.length > 1) {
            ClusterStack stack = ClusterStack.get();
            IntFunction<Map<String, String>> cluster = i -> stack.parleyEnvironment(0);
            if (modes.contains("cluster")) {
                variants.add(new Variant("jar, cluster", jvm(false), cluster));
                variants.add(new Variant("jar + archive, cluster", jvm(true), cluster));
                variants.add(new Variant("jar + archive + C1, cluster", jvm(true, C1_ONLY), cluster));
            }
            if (args.length > 1) {
                variants.add(new Variant("native, cluster", List.of(Path.of(args[1]).toAbsolutePath().toString()), cluster));
            }
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        System.out.printf("%-30s %4s %9s %9s %8s %8s%n", "variant", "run", "live ms", "ready ms", "RSS MiB", "CPU ms");
        for (int i = 0; i < runs; i++) {
            for (Variant variant : variants) {
                Sample sample = measure(variant, i);
                samples.computeIfAbsent(variant.name(), name -> new ArrayList<>()).add(sample);
                System.out.printf("%-30s %4d %9d %9d %8d %8d%n", variant.name(), i + 1, sample.liveMs(),
                        sample.readyMs(), sample.rssMiB(), sample.cpuMs());
            }
        }
        System.out.println();
        System.out.println("| variant | first request (live), median | ready, median | CPU to ready, median | RSS when ready, median |");
        System.out.println("| --- | --- | --- | --- | --- |");
        samples.forEach((name, list) -> System.out.printf("| %s | %.2f s | %.2f s | %.1f s | %d MiB |%n", name,
                median(list.stream().map(Sample::liveMs).toList()) / 1000.0,
                median(list.stream().map(Sample::readyMs).toList()) / 1000.0,
                median(list.stream().map(Sample::cpuMs).toList()) / 1000.0,
                median(list.stream().map(Sample::rssMiB).toList())));
        System.exit(0);
    }

    /**
     * The quick-start option docs/operations.md offers: C1 alone, no optimising compiler (it takes half of a start's
     * CPU on two cores).
     */
    private static final List<String> C1_ONLY = List.of("-XX:TieredStopAtLevel=1");

    /** The packaged jar, with or without the start-up archive the build wrote beside it (AppCDS). */
    private static List<String> jvm(boolean withArchive) {
        return jvm(withArchive, List.of());
    }

    private static List<String> jvm(boolean withArchive, List<String> options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("{jvmArgs}");
        command.addAll(options);
        if (withArchive) {
            Path jar = APP.resolve("quarkus-run.jar");
            List<String> archive = ParleyProcess.startupArchiveOption(jar);
            if (archive.isEmpty()) {
                throw new IllegalStateException("No start-up archive beside " + jar + ": build with ./mvnw package");
            }
            command.addAll(archive);
        }
        command.addAll(List.of("-jar", APP.resolve("quarkus-run.jar").toString()));
        return command;
    }

    private static Sample measure(Variant variant, int run) throws Exception {
        int port = ClusterStack.freePort();
        int managementPort = ClusterStack.freePort();
        Path log = Files.createTempFile("parley-startup", ".log");
        List<String> command = new ArrayList<>();
        for (String part : variant.command()) {
            if (part.equals("{jvmArgs}")) {
                String jvmArgs = System.getProperty("startup.jvmArgs", "")
                        .replace("{run}", variant.name().replaceAll("\\W+", "-") + (run + 1));
                if (!jvmArgs.isBlank()) {
                    command.addAll(List.of(jvmArgs.trim().split("\\s+")));
                }
            } else {
                command.add(part);
            }
        }
        command.add(1, "-Dquarkus.http.port=" + port);
        command.add(2, "-Dquarkus.management.port=" + managementPort);
        // Run where the archive expects the jar to be named from (every variant alike).
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(APP.toFile());
        builder.environment().putAll(variant.env().apply(run));
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            URI management = URI.create("http://127.0.0.1:" + managementPort);
            long live = awaitAnswer(process, management.resolve("/q/health/live"), started, log);
            long ready = awaitAnswer(process, management.resolve("/q/health/ready"), started, log);
            long rssKb = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(0);
            // utime + stime, in clock ticks (100 a second on Linux): what the start cost the process's cores.
            String[] stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).replaceAll(".*\\) ", "")
                    .split(" ");
            long cpuMs = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10;
            return new Sample(live, ready, rssKb / 1024, cpuMs);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static long awaitAnswer(Process process, URI uri, long started, Path log) throws InterruptedException {
        while (!answers(uri)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited; see " + log);
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static boolean answers(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(200);
            return connection.getResponseCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static String freshDirectory() {
        try {
            return Files.createTempDirectory("parley-startup").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
