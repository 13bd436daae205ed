package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.parley.support.ClusterStack;

/** The in-memory relay ({@link RelayServer}) in a JVM of its own, started with the same JVM options as Parley's. */
final class RelayTarget implements Target {

    private Process process;
    private int port;

    @Override
    public String name() {
        return "relay (in memory)";
    }

    @Override
    public void start() throws IOException {
        port = dev.parley.support.FreePorts.next();
        Path log = Files.createDirectories(Path.of("target", "bench")).resolve("relay.log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), RelayServer.class.getName(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ClusterStack.waitForPort(port, "the relay");
    }

    @Override
    public Setup setUp(int userCount, int groupSize) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            String id = UUID.randomUUID().toString();
            users.add(new User(id, null, URI.create("ws://127.0.0.1:" + port + "/relay?user=" + id)));
        }
        List<String> channels = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int first = 0; first + groupSize <= userCount; first += groupSize) {
            List<Integer> group = new ArrayList<>();
            for (int i = first; i < first + groupSize; i++) {
                group.add(i);
            }
            channels.add(UUID.randomUUID().toString());
            members.add(group);
        }
        return new Setup(users, channels, members);
    }

    @Override
    public boolean joinsOverSocket() {
        return true;
    }

    @Override
    public List<Long> pids() {
        return List.of(process.pid());
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
