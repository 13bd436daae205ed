package dev.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A reconnect storm (scripts/bench.sh connect-storm): SOCKETS users in 1:1 pairs, spread over PODS cluster pods in
 * turn, all connect at the same moment. Then the first of every pair sends one message; a pair's peer receiving it
 * live proves the peer's socket was registered (the sender's pod finds it through the session registry, on the
 * other pod for every pair). Prints one line: sockets opened, time to open them all, messages received live of
 * those sent, and ERROR lines the pods logged meanwhile. Exits 1 unless every socket opened, every message was
 * received and nothing was logged as an error.
 */
final class ConnectStorm {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectStorm() {
    }

    /** {@code [SOCKETS] [PODS]}, default 2000 over 2. */
    static boolean run(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (ParleyTarget cluster = ParleyTarget.cluster(pods)) {
            cluster.start();
            Target.Setup setup = cluster.setUp(sockets, 2);
            List<Long> logSizes = new ArrayList<>();
            for (Path log : cluster.logFiles()) {
                logSizes.add(Files.size(log));
            }
            Set<String> received = ConcurrentHashMap.newKeySet();
            AtomicInteger acked = new AtomicInteger();
            long start = System.nanoTime();
            List<CompletableFuture<BenchClient>> connecting = new ArrayList<>();
            for (Target.User user : setup.users()) {
                connecting.add(BenchClient.connect(user.wsUri(), user.token(), frame -> {
                    JsonNode node = read(frame);
                    if ("message".equals(node.path("type").asText())) {
                        received.add(node.path("channelId").asText() + "/" + user.id());
                    } else if ("ack".equals(node.path("type").asText())) {
                        acked.incrementAndGet();
                    }
                }));
            }
            List<BenchClient> open = new ArrayList<>();
            int failed = 0;
            for (CompletableFuture<BenchClient> socket : connecting) {
                try {
                    open.add(socket.get(120, TimeUnit.SECONDS));
                } catch (Exception e) {
                    failed++;
                }
            }
            long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Thread pinger = BenchClient.pinging(open);
            List<String> expected = new ArrayList<>();
            for (int c = 0; c < setup.channels().size(); c++) {
                List<Integer> pair = setup.members().get(c);
                String channelId = setup.channels().get(c);
                int sender = pair.get(0);
                if (sender < open.size()) {
                    open.get(sender).send(JSON.writeValueAsString(java.util.Map.of("type", "send", "channelId", channelId,
                            "clientMsgId", UUID.randomUUID().toString(), "text", "storm")));
                    expected.add(channelId + "/" + setup.users().get(pair.get(1)).id());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!received.containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long live = expected.stream().filter(received::contains).count();
            int errors = 0;
            for (int i = 0; i < logSizes.size(); i++) {
                errors += errorsSince(cluster.logFiles().get(i), logSizes.get(i));
            }
            System.out.printf("| %d sockets at once over %d pods | %d opened, %d failed, all open in %d ms | %d of %d "
                    + "messages received live (%d acked) | %d ERROR lines logged |%n", sockets, pods, open.size(), failed,
                    openMillis, live, expected.size(), acked.get(), errors);
            pinger.interrupt();
            open.parallelStream().forEach(BenchClient::close);
            return failed == 0 && live == expected.size() && errors == 0;
        }
    }

    private static JsonNode read(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static int errorsSince(Path log, long offset) throws Exception {
        byte[] all = Files.readAllBytes(log);
        String added = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                java.nio.charset.StandardCharsets.UTF_8);
        return (int) added.lines().filter(line -> line.contains(" ERROR ")).count();
    }
}
