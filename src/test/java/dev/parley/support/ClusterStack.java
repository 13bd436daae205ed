package dev.parley.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real servers cluster mode needs, started as processes on free loopback ports (no Docker here): PostgreSQL
 * (zonky's binaries), Redis (redis-server on the PATH, else the binary shipped in the embedded-redis jar), Kafka
 * 4.4 in KRaft combined mode (jars fetched by ./mvnw from src/test/servers/kafka/pom.xml) and dynalite (npm, from
 * src/test/servers/dynalite). One stack per JVM, shared by every test class, stopped when the JVM exits.
 */
public final class ClusterStack {

    private static final Path WORK = Path.of("target", "cluster-stack").toAbsolutePath();
    private static final Path SERVERS = Path.of("target", "servers").toAbsolutePath();
    /**
     * The broker's JVM options. Tests start it with the quick-start compiler alone (C1) and a small serial heap: it
     * serves short runs. The benchmark runs it as brokers run (tiered compilation), see docs/benchmarks.md.
     */
    private static final String KAFKA_JVM_OPTIONS = System.getProperty("parley.stack.kafkaJvmOptions",
            "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m");
    private static ClusterStack instance;

    private final List<Process> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Runnable> beforeStop = new java.util.concurrent.CopyOnWriteArrayList<>();
    private EmbeddedPostgres postgres;
    private String jdbcUrl;
    private int redisPort;
    private List<String> redisCommand;
    private List<String> kafkaCommand;
    private Process kafka;
    private Process redis;
    private int kafkaPort;
    private int dynamoPort;
    private int s3Port;
    private final JwtTestKeys keys = JwtTestKeys.generate();
    private final FakeSns sns = new FakeSns();

    public static synchronized ClusterStack get() {
        if (instance == null) {
            ClusterStack stack = new ClusterStack();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "cluster-stack-stop"));
            stack.start();
            instance = stack;
        }
        return instance;
    }

    private void start() {
        System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED"); // see S3RVER_CHECKSUMS
        System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
        try {
            deleteTree(WORK);
            Files.createDirectories(WORK);
            long started = System.nanoTime();
            startPostgres();
            startRedis();
            startDynalite();
            startS3rver();
            startKafka();
            System.out.printf("Cluster stack up in %d ms: postgres %s, redis %d, kafka %d, dynalite %d, s3rver %d%n",
                    (System.nanoTime() - started) / 1_000_000, jdbcUrl, redisPort, kafkaPort, dynamoPort, s3Port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration a Parley instance needs to join this stack as the given pod. */
    public Map<String, String> parleyConfig(int podIndex) {
        Map<String, String> config = new HashMap<>();
        config.put("parley.mode", "cluster");
        config.put("parley.cluster.pod-index", Integer.toString(podIndex));
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + redisPort);
        config.put("kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort);
        config.put("quarkus.dynamodb.endpoint-override", "http://127.0.0.1:" + dynamoPort);
        config.put("quarkus.dynamodb.aws.region", "us-east-1");
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test");
        config.put("parley.dynamodb.create-tables", "true");
        config.put("quarkus.sns.endpoint-override", sns.url());
        config.put("quarkus.sns.aws.region", "us-east-1");
        config.put("quarkus.sns.aws.credentials.type", "static");
        config.put("quarkus.sns.aws.credentials.static-provider.access-key-id", "test");
        config.put("quarkus.sns.aws.credentials.static-provider.secret-access-key", "test");
        config.put("parley.push.apns-application-arn", "arn:aws:sns:us-east-1:000000000000:app/APNS/parley");
        config.put("parley.push.fcm-application-arn", "arn:aws:sns:us-east-1:000000000000:app/GCM/parley");
        config.put("quarkus.s3.endpoint-override", s3Url());
        config.put("quarkus.s3.path-style-access", "true");
        config.put("quarkus.s3.chunked-encoding", "false"); // see S3RVER_CHECKSUMS
        config.put("quarkus.s3.aws.region", "us-east-1");
        config.put("quarkus.s3.aws.credentials.type", "static");
        config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", "S3RVER");
        config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", "S3RVER");
        config.put("parley.media.create-bucket", "true");
        config.put("parley.jwt.private-key", keys.privatePem());
        config.put("parley.jwt.public-key", keys.publicPem());
        return config;
    }

    /**
     * s3rver does not read the aws-chunked bodies (chunk signatures, trailing checksums) that the AWS SDK sends over
     * plain HTTP by default (it stores the chunk framing as the object): clients of the test stack sign bodies whole
     * (quarkus.s3.chunked-encoding=false) and send checksums only where S3 requires them, as SDKs did before 2.30.
     * Settings of the SDK (system properties or environment), not of Parley.
     */
    private static final Map<String, String> S3RVER_CHECKSUMS = Map.of("AWS_REQUEST_CHECKSUM_CALCULATION",
            "WHEN_REQUIRED", "AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED");

    /** The same configuration as environment variables, for a Parley started as a process. */
    public Map<String, String> parleyEnvironment(int podIndex) {
        Map<String, String> env = new HashMap<>(S3RVER_CHECKSUMS);
        parleyConfig(podIndex).forEach((key, value) -> env.put(
                key.toUpperCase().replace('.', '_').replace('-', '_').replace("\"", "_"), value));
        return env;
    }

    /** The SNS endpoint every cluster-mode instance of this stack pushes to. */
    public FakeSns sns() {
        return sns;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public int redisPort() {
        return redisPort;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public int dynamoPort() {
        return dynamoPort;
    }

    /** s3rver's address (path-style: the bucket is the first path segment). */
    public String s3Url() {
        return "http://127.0.0.1:" + s3Port;
    }

    private void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(WORK.resolve("postgres")).setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on").start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    }

    private void startRedis() throws IOException {
        redisPort = freePort();
        String binary = onPath("redis-server");
        if (binary == null) {
            Path extracted = SERVERS.resolve("redis-server-6.2.6");
            if (!Files.isExecutable(extracted)) {
                Files.createDirectories(SERVERS);
                try (InputStream in = ClusterStack.class.getResourceAsStream("/redis-server-6.2.6-v5-linux-amd64")) {
                    if (in == null) {
                        throw new IllegalStateException("No redis-server on the PATH and none in the embedded-redis jar");
                    }
                    Files.copy(in, extracted, StandardCopyOption.REPLACE_EXISTING);
                }
                extracted.toFile().setExecutable(true);
            }
            binary = extracted.toString();
        }
        redisCommand = List.of(binary, "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no");
        redis = spawn("redis", redisCommand, Map.of());
        waitForPort(redisPort, "redis");
    }

    /** Stops the Kafka broker (SIGTERM, as an operator or a node drain does), keeps it down, starts it again. */
    public synchronized void stopKafkaFor(Duration down) {
        try {
            kafka.destroy();
            if (!kafka.waitFor(60, TimeUnit.SECONDS)) {
                kafka.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
            processes.remove(kafka);
            Thread.sleep(down.toMillis());
            kafka = spawn("kafka-restarted", kafkaCommand, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Waits.until(this::kafkaAnswers, "Kafka back on port " + kafkaPort, Duration.ofMinutes(2));
    }

    /** Kills Redis (SIGKILL) and starts it again, empty, on the same port: a restart or failover that lost everything. */
    public synchronized void restartRedisEmpty() {
        try {
            redis.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            processes.remove(redis);
            redis = spawn("redis-restarted", redisCommand, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        waitForPort(redisPort, "redis");
    }

    /** The npm server of src/test/servers/{name}, installed once under target/servers with its lock file. */
    private static Path npmServer(String name, String entryPoint) throws IOException {
        Path dir = SERVERS.resolve(name);
        if (!Files.exists(dir.resolve(entryPoint))) {
            Files.createDirectories(dir);
            Path source = Path.of("src", "test", "servers", name);
            Files.copy(source.resolve("package.json"), dir.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(source.resolve("package-lock.json"), dir.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), "npm ci (" + name + ")");
        }
        return dir;
    }

    /** s3rver, an S3-compatible server, for attachments: path-style, its default credentials S3RVER/S3RVER. */
    private void startS3rver() throws IOException {
        Path dir = npmServer("s3rver", "node_modules/s3rver/bin/s3rver.js");
        Path data = WORK.resolve("s3rver");
        Files.createDirectories(data);
        s3Port = freePort();
        spawn("s3rver", List.of("node", dir.resolve("node_modules/s3rver/bin/s3rver.js").toString(), "-d",
                data.toString(), "-a", "127.0.0.1", "-p", Integer.toString(s3Port), "--no-vhost-buckets", "--silent"),
                Map.of());
        waitForPort(s3Port, "s3rver");
    }

    private void startDynalite() throws IOException {
        Path dir = npmServer("dynalite", "node_modules/dynalite/cli.js");
        // Copied at every start (not only with the install): it is the launcher, not a dependency.
        Files.copy(Path.of("src", "test", "servers", "dynalite", "serve.js"), dir.resolve("serve.js"),
                StandardCopyOption.REPLACE_EXISTING);
        dynamoPort = freePort();
        spawn("dynalite", List.of("node", dir.resolve("serve.js").toString(), "--port",
                Integer.toString(dynamoPort)), Map.of());
        waitForPort(dynamoPort, "dynalite");
    }

    private void startKafka() throws IOException {
        Path lib = SERVERS.resolve("kafka-lib");
        if (!Files.exists(lib) || Files.list(lib).count() < 10) {
            run(Path.of("."), List.of("./mvnw", "-q", "-B", "-f", "src/test/servers/kafka/pom.xml",
                    "dependency:copy-dependencies", "-DoutputDirectory=" + lib), "fetching the Kafka broker jars");
        }
        kafkaPort = freePort();
        int controllerPort = freePort();
        Path dir = WORK.resolve("kafka");
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + kafkaPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dir.resolve("data").toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        Path config = dir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            props.store(out, "Parley test broker");
        }
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.addAll(List.of(KAFKA_JVM_OPTIONS.trim().split("[\\s,]+"))); // commas too: one word in BENCH_JAVA_OPTS
        java.addAll(List.of("-cp", lib + "/*"));
        List<String> format = new ArrayList<>(java);
        format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString()));
        run(dir, format, "formatting Kafka storage");
        List<String> server = new ArrayList<>(java);
        server.addAll(List.of("kafka.Kafka", config.toString()));
        kafkaCommand = server;
        kafka = spawn("kafka", server, Map.of());
        Waits.until(this::kafkaAnswers, "Kafka on port " + kafkaPort + " (log: " + WORK.resolve("kafka.log") + ")");
    }

    private boolean kafkaAnswers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Process spawn(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void run(Path dir, List<String> command, String what) {
        try {
            Path log = Files.createTempFile("parley-stack", ".log");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted");
        }
    }

    /** Waits (with the usual timeout) until something listens on the loopback port. */
    public static void waitForPort(int port, String what) {
        Waits.until(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, what + " on port " + port);
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    static int freePort() {
        return FreePorts.next();
    }

    /** Runs before the servers stop at JVM exit: Parley instances must leave while Kafka and Redis still answer. */
    public void beforeStop(Runnable action) {
        beforeStop.add(action);
    }

    private void stop() {
        beforeStop.forEach(Runnable::run);
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException ignored) {
            // the JVM is exiting; zonky's own hook stops it too
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
