package dev.parley.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A whole cluster on one machine, for trying cluster mode by hand and for benchmarks: PostgreSQL, Redis, Kafka and
 * dynalite, plus N Parley instances (pods 0..N-1) on ports 8081, 8082, ... Run by scripts/local-cluster.sh.
 */
public final class LocalCluster {

    private LocalCluster() {
    }

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int firstPort = args.length > 1 ? Integer.parseInt(args[1]) : 8081;
        ClusterStack stack = ClusterStack.get();
        Path logs = Files.createDirectories(Path.of("target", "local-cluster"));
        List<ParleyProcess> pods = new ArrayList<>();
        stack.beforeStop(() -> pods.parallelStream().forEach(ParleyProcess::close));
        for (int i = 0; i < instances; i++) {
            ParleyProcess pod = new ParleyProcess(logs.resolve("pod" + i + ".log"), stack.parleyEnvironment(i), firstPort + i);
            pods.add(pod);
            pod.start();
            System.out.printf("Parley pod %d: %s  (WebSocket %s, log %s)%n", i, pod.baseUri(), pod.wsUri(),
                    logs.resolve("pod" + i + ".log"));
        }
        System.out.printf("Stack: PostgreSQL %s, Redis 127.0.0.1:%d, Kafka %s, DynamoDB (dynalite) http://127.0.0.1:%d, "
                + "S3 (s3rver) %s%n", stack.jdbcUrl(), stack.redisPort(), stack.kafkaBootstrap(), stack.dynamoPort(),
                stack.s3Url());
        System.out.println("Press Ctrl-C to stop everything.");
        new CountDownLatch(1).await();
    }
}
