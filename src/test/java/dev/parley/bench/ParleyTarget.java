package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.support.ClusterStack;
import dev.parley.support.ParleyProcess;

/**
 * Parley as a benchmark target: the packaged jar, one process in embedded mode or N pods on the test stack in
 * cluster mode. Users and channels are made over REST; users are spread over the pods in turn, or all put on the
 * first pod ({@link #skewed}) for the pods' rebalancer to move while the load runs. Each pod names its own socket
 * URL, so GET /api/v1/connect tells a client whose socket was closed where to open it again.
 */
final class ParleyTarget implements Target {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final int pods;
    private final boolean skewed;
    private final Path logs;
    private final List<ParleyProcess> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private int scenario;

    private ParleyTarget(String name, int pods, boolean skewed) {
        this.name = name;
        this.pods = pods;
        this.skewed = skewed;
        this.logs = Path.of("target", "bench", name);
    }

    static ParleyTarget embedded() {
        return new ParleyTarget("embedded", 0, false);
    }

    static ParleyTarget cluster(int pods) {
        return new ParleyTarget("cluster-" + pods + "-pods", pods, false);
    }

    /**
     * Every user connects to the first pod; the pods publish their loads each second and move up to 30 % of an
     * excess of one socket or more per second (close code 4010), as after a pod joins under load.
     */
    static ParleyTarget skewed(int pods) {
        return new ParleyTarget("cluster-" + pods + "-pods, all connecting to pod 0", pods, true);
    }

    @Override
    public String name() {
        if (dev.parley.support.ParleyProcess.isNative()) {
            return name + " (native)";
        }
        List<String> options = dev.parley.support.ParleyProcess.extraJvmOptions();
        return options.isEmpty() ? name : name + " (" + String.join(" ", options) + ")";
    }

    /** Budgets sized for the load, so the benchmark measures the path, not the per-user rate limit. */
    private static Map<String, String> benchSettings() {
        return Map.of("PARLEY_LIMITS_SEND_PER_SECOND", "10000", "PARLEY_LIMITS_SEND_BURST", "10000",
                "PARLEY_ACCOUNTS_BCRYPT_COST", "4", "QUARKUS_LOG_LEVEL", "WARN");
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(logs);
        if (pods == 0) {
            Map<String, String> env = new HashMap<>(benchSettings());
            Path data = Files.createTempDirectory("parley-bench-data");
            env.put("PARLEY_DATA_DIR", data.toString());
            processes.add(new ParleyProcess(logs.resolve("parley.log"), env).start());
            return;
        }
        ClusterStack stack = ClusterStack.get();
        List<CompletableFuture<ParleyProcess>> starting = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            Map<String, String> env = new HashMap<>(stack.parleyEnvironment(i));
            env.putAll(benchSettings());
            int port = dev.parley.support.FreePorts.next();
            env.put("PARLEY_BALANCE_SOCKET_URL", "ws://localhost:" + port + "/api/v1/ws");
            if (skewed) {
                env.put("PARLEY_BALANCE_INTERVAL", "1s");
                env.put("PARLEY_BALANCE_MIN_EXCESS", "1");
                env.put("PARLEY_BALANCE_MAX_SHARE", "0.3");
            }
            ParleyProcess pod = new ParleyProcess(logs.resolve("pod" + i + ".log"), env, port);
            processes.add(pod);
            starting.add(CompletableFuture.supplyAsync(pod::start));
        }
        starting.forEach(CompletableFuture::join);
    }

    @Override
    public Setup setUp(int userCount, int groupSize) throws Exception {
        scenario++;
        List<User> users = new ArrayList<>();
        List<CompletableFuture<User>> signing = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            ParleyProcess pod = processes.get(skewed ? 0 : i % processes.size());
            String username = "b" + run + "s" + scenario + "u" + i;
            signing.add(CompletableFuture.supplyAsync(() -> signUp(pod, username)));
        }
        signing.forEach(f -> users.add(f.join()));
        List<String> channels = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int first = 0; groupSize > 1 && first + groupSize <= userCount; first += groupSize) {
            List<Integer> group = new ArrayList<>();
            for (int i = first; i < first + groupSize; i++) {
                group.add(i);
            }
            List<String> others = group.subList(1, group.size()).stream().map(i -> users.get(i).id()).toList();
            Map<String, Object> body = groupSize == 2 ? Map.of("type", "direct", "memberIds", others)
                    : Map.of("type", "group", "name", "bench " + first / groupSize, "memberIds", others);
            channels.add(post(processes.get(0), "/api/v1/channels", users.get(first).token(), body).get("id").asText());
            members.add(group);
        }
        return new Setup(users, channels, members);
    }

    private User signUp(ParleyProcess pod, String username) {
        post(pod, "/api/v1/accounts", null, Map.of("username", username, "password", "bench-password-1"));
        JsonNode session = post(pod, "/api/v1/sessions", null, Map.of("username", username, "password", "bench-password-1"));
        return new User(session.get("userId").asText(), session.get("token").asText(), pod.wsUri());
    }

    private JsonNode post(ParleyProcess pod, String path, String token, Map<String, ?> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(pod.baseUri().resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    /** GET /api/v1/connect (on the first pod: any pod answers the same); its URL, or the user's usual address. */
    @Override
    public java.net.URI whereToReconnect(User user) {
        try {
            return dev.parley.support.ConnectAdvice.socketUrl(processes.get(0).baseUri(), user.token()).orElse(user.wsUri());
        } catch (RuntimeException e) {
            return user.wsUri(); // the usual address: if the pod is gone too, the next attempt asks again
        }
    }

    /** The log file of each process, in the order of {@link #pids()}. */
    List<Path> logFiles() {
        if (pods == 0) {
            return List.of(logs.resolve("parley.log"));
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            files.add(logs.resolve("pod" + i + ".log"));
        }
        return files;
    }

    @Override
    public List<Long> pids() {
        return processes.stream().map(ParleyProcess::pid).toList();
    }

    @Override
    public void close() {
        processes.parallelStream().forEach(ParleyProcess::close);
    }

}
