package dev.parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The load benchmark (scripts/bench.sh): drives each target with the same open-loop scenarios and prints one row
 * per run, latencies at the receiving members in milliseconds and throughput as a ratio to the in-memory relay
 * measured in the same run. Exits 1 if any acked message was lost or any send stored as two messages, whatever the
 * latencies: that is what the smoke run in .ci/run checks.
 * <pre>
 * --targets relay,embedded,cluster   what to drive, in this order (default relay,embedded)
 * --scenarios 200x20@500,40x2@100     users x members per channel @ messages per second
 * --seconds 20 --warmup 5             send phase, and its first seconds left out of the latencies
 * --prewarm 0                         before the first scenario on a target, half its load for this many seconds,
 *                                     not reported: JIT-compiled code, as a pod runs after its first minutes
 * --pods 2                            cluster pods
 *                                     (target cluster-skewed: every user connects to the first pod, and the pods
 *                                     move sockets while the load runs; clients reconnect, sync and resend)
 * --drain 30                          give up waiting once nothing arrived for this many seconds
 * --out target/bench/results.md       the rows are appended there too
 * </pre>
 */
public final class Benchmark {

    private Benchmark() {
    }

    /**
     * The load benchmark, or with {@code idle-sockets} first {@link IdleSockets}, with {@code connect-storm}
     * {@link ConnectStorm}, with {@code store-latency} {@link StoreLatency}.
     */
    public static void main(String[] args) {
        try {
            if (args.length > 0 && args[0].equals("idle-sockets")) {
                IdleSockets.run(java.util.Arrays.copyOfRange(args, 1, args.length));
                System.exit(0);
            }
            if (args.length > 0 && args[0].equals("store-latency")) {
                StoreLatency.run(java.util.Arrays.copyOfRange(args, 1, args.length));
                System.exit(0);
            }
            if (args.length > 0 && args[0].equals("connect-storm")) {
                System.exit(ConnectStorm.run(java.util.Arrays.copyOfRange(args, 1, args.length)) ? 0 : 1);
            }
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(2); // the Vert.x client's threads would keep the JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        List<String> targets = List.of(options.getOrDefault("targets", "relay,embedded").split(","));
        List<LoadRun.Scenario> scenarios = new ArrayList<>();
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        for (String s : options.getOrDefault("scenarios", "200x20@500").split(",")) {
            String[] parts = s.split("[x@]");
            scenarios.add(new LoadRun.Scenario(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), seconds));
        }
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
        Duration drain = Duration.ofSeconds(Long.parseLong(options.getOrDefault("drain", "30")));
        int pods = Integer.parseInt(options.getOrDefault("pods", "2"));
        int prewarm = Integer.parseInt(options.getOrDefault("prewarm", "0"));
        Path out = Path.of(options.getOrDefault("out", "target/bench/results.md"));

        List<LoadRun.Result> results = new ArrayList<>();
        for (String name : targets) {
            try (Target target = switch (name) {
                case "relay" -> new RelayTarget();
                case "embedded" -> ParleyTarget.embedded();
                case "cluster" -> ParleyTarget.cluster(pods);
                case "cluster-skewed" -> ParleyTarget.skewed(pods);
                default -> throw new IllegalArgumentException("unknown target " + name);
            }) {
                target.start();
                if (prewarm > 0) {
                    // A cold JVM on a busy 2-core box compiles for minutes (C2 took a third of a pod's CPU 80 s
                    // in): without this, the first scenario measures the compiler, not the message path.
                    LoadRun.Scenario first = scenarios.get(0);
                    // At half the rate: a cold JVM taken at full rate falls behind and never recovers in time.
                    LoadRun.Scenario warming = new LoadRun.Scenario(first.users(), first.group(),
                            Math.max(1, first.rate() / 2), prewarm);
                    System.out.printf("%s: prewarming with %s for %d s (not reported) ...%n", target.name(), warming.label(), prewarm);
                    LoadRun.Result ignored = new LoadRun(target, warming, warmup, drain).run();
                    System.out.printf("  prewarm: %d of %d acked, p99 %d ms%n", ignored.acked(), ignored.sent(),
                            ignored.latency().getValueAtPercentile(99) / 1000);
                }
                for (LoadRun.Scenario scenario : scenarios) {
                    System.out.printf("%s: %s for %d s ...%n", target.name(), scenario.label(), scenario.seconds());
                    LoadRun.Result result = new LoadRun(target, scenario, warmup, drain).run();
                    results.add(result);
                    System.out.println(row(result, results));
                }
            }
        }
        report(out, results);
        boolean broken = results.stream().anyMatch(r -> r.lost() > 0 || r.duplicates() > 0);
        System.out.println(broken ? "FAILED: messages lost or duplicated" : "OK: nothing lost, nothing duplicated");
        System.exit(broken ? 1 : 0);
    }

    static String header() {
        return "| target | load | sent | acked | delivered / expected | lost | dup | deliveries/s | × relay | p50 | p90 | p99 | "
                + "p99.9 | max | target cores | servers cores | load generator cores | machine cores | target peak RSS |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";
    }

    static String row(LoadRun.Result r, List<LoadRun.Result> all) {
        Histogram h = r.latency();
        String ratio = all.stream().filter(b -> b.target().startsWith("relay") && b.scenario().equals(r.scenario()))
                .findFirst().map(b -> String.format("%.2f", r.deliveriesPerSecond() / b.deliveriesPerSecond())).orElse("–");
        return String.format("| %s | %s | %d | %d | %d / %d | %d | %d | %.0f | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %d MiB |",
                r.target(), r.scenario().label(), r.sent(), r.acked(), r.delivered(), r.expected(), r.lost(), r.duplicates(),
                r.deliveriesPerSecond(), ratio, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), r.cores().target(),
                r.cores().servers(), r.cores().loadGenerator(), r.cores().machine(), r.targetPeakRssMiB());
    }

    private static String ms(long micros) {
        return micros >= 10_000 ? String.format("%.0f ms", micros / 1000.0) : String.format("%.1f ms", micros / 1000.0);
    }

    private static void report(Path out, List<LoadRun.Result> results) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("\n").append(LocalDate.now()).append(", ").append(machine()).append("\n\n").append(header()).append('\n');
        results.forEach(r -> text.append(row(r, results)).append('\n'));
        System.out.println(text);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String machine() {
        String model = "unknown CPU";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(model);
            return String.format("%s: %d cores, %s, Java %s", InetAddress.getLocalHost().getHostName(),
                    Runtime.getRuntime().availableProcessors(), model, System.getProperty("java.version"));
        } catch (IOException e) {
            return model;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
