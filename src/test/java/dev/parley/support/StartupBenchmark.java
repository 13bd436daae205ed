package dev.parley.support;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the packaged jar's start: milliseconds from process start to the first answered request (GET /q/health/live
 * answering 200), and resident memory (VmRSS) once ready, in embedded and in cluster mode; given a native executable
 * (second argument), its start in cluster mode too, in the same run. Run by scripts/measure-startup.sh; results go in
 * docs/operations.md with the machine they came from.
 */
public final class StartupBenchmark {

    /** The native executable being measured; null while the jar is. */
    private static Path native_;

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("%-9s %5s %10s %10s%n", "mode", "run", "first ms", "RSS MiB");
        measure("embedded", runs, i -> {
            try {
                return Map.of("PARLEY_DATA_DIR", Files.createTempDirectory("parley-bench").toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ClusterStack stack = ClusterStack.get();
        measure("cluster", runs, i -> stack.parleyEnvironment(0));
        if (args.length > 1) {
            native_ = Path.of(args[1]).toAbsolutePath();
            measure("native", runs, i -> stack.parleyEnvironment(0));
        }
        System.exit(0);
    }

    private static void measure(String mode, int runs, java.util.function.IntFunction<Map<String, String>> env)
            throws Exception {
        List<Long> firsts = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            int port = ClusterStack.freePort();
            int managementPort = ClusterStack.freePort();
            Path log = Files.createTempFile("parley-bench", ".log");
            String ports = "-Dquarkus.http.port=" + port;
            String managementPorts = "-Dquarkus.management.port=" + managementPort;
            List<String> command = native_ != null ? List.of(native_.toString(), ports, managementPorts)
                    : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), ports, managementPorts,
                            "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env.apply(i));
            long started = System.nanoTime();
            Process process = builder.start();
            URI live = URI.create("http://127.0.0.1:" + managementPort + "/q/health/live");
            while (!answers(live)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Parley exited; see " + log);
                }
                Thread.sleep(5);
            }
            long firstMs = (System.nanoTime() - started) / 1_000_000;
            long rssKb = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
            firsts.add(firstMs);
            rss.add(rssKb / 1024);
            System.out.printf("%-9s %5d %10d %10d%n", mode, i + 1, firstMs, rssKb / 1024);
            process.destroy();
            process.waitFor();
        }
        System.out.printf("%-9s %5s %10d %10d   (median)%n", mode, "", median(firsts), median(rss));
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

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
