package dev.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.ClusterStack;
import dev.parley.support.ParleyProcess;
import dev.parley.support.Waits;
import io.restassured.RestAssured;

/**
 * Issue 14, connections spread over pods: every socket is on pod 0 when pod 1 joins; pod 0 asks some clients to move
 * (close code 4010), they ask GET /api/v1/connect where to go, and the sockets even out, none lost.
 */
class RebalanceIT {

    private static final int USERS = 30;
    private static ClusterStack stack;
    private static ParleyProcess podA;
    private static ParleyProcess podB;
    private final List<MovingClient> clients = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startFirstPod() throws Exception {
        stack = ClusterStack.get();
        podA = pod(0);
        podB = pod(1);
        podA.start();
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = podA.port();
    }

    /** A pod that publishes its load each second and names its own socket URL to clients. */
    private static ParleyProcess pod(int index) throws IOException {
        int port = dev.parley.support.FreePorts.next();
        Map<String, String> env = new HashMap<>(stack.parleyEnvironment(index));
        env.put("PARLEY_BALANCE_INTERVAL", "1s");
        env.put("PARLEY_BALANCE_MAX_SHARE", "0.3");
        env.put("PARLEY_BALANCE_MIN_EXCESS", "1");
        env.put("PARLEY_BALANCE_SOCKET_URL", "ws://localhost:" + port + "/api/v1/ws");
        return new ParleyProcess(Files.createTempFile("parley-rebalance-pod" + index, ".log"), env, port);
    }

    @AfterAll
    static void stop() {
        podA.close();
        podB.close();
        RestAssured.reset();
    }

    /** A client as docs/protocol.md describes: on 4010 it asks where to connect and reconnects there at once. */
    private final class MovingClient {
        private final User user;
        private volatile ChatClient socket;
        private volatile URI on;

        MovingClient(User user, URI first) {
            this.user = user;
            open(first);
        }

        private void open(URI uri) {
            on = uri;
            socket = ChatClient.withToken(uri, user.token());
            socket.closing().thenAcceptAsync(code -> {
                if (code == 4010) {
                    open(dev.parley.support.ConnectAdvice.socketUrl(podA.baseUri(), user.token())
                            .orElseThrow(() -> new IllegalStateException("/api/v1/connect named no URL")));
                } else if (code != 1000) {
                    unexpected.add(user.username() + " closed with " + code);
                }
            }).exceptionally(failure -> {
                unexpected.add(user.username() + ": " + failure);
                return null;
            });
        }

        boolean isOpen() {
            return socket.isOpen();
        }

        void close() {
            socket.close();
        }
    }

    @Test
    void afterAPodJoinsTheSocketsEvenOutAndNoneIsLost() throws Exception {
        for (int i = 0; i < USERS; i++) {
            clients.add(new MovingClient(Api.newUser("mover"), podA.wsUri()));
        }
        Waits.until(() -> podA.metric("parley_ws_connections") == USERS, "every socket on pod 0");

        podB.start();
        // Average 15: pod 0 moves its excess until it is within 20% of it (18 at most), a share each second.
        try {
            Waits.until(() -> podA.metric("parley_ws_connections") <= 18
                    && podA.metric("parley_ws_connections") + podB.metric("parley_ws_connections") == USERS,
                    "the sockets to even out", java.time.Duration.ofSeconds(90));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "; clients that failed: " + unexpected, e);
        }
        assertThat(podB.metric("parley_ws_connections")).isGreaterThanOrEqualTo(12);
        assertThat(unexpected).as("no socket closed but to move").isEmpty();
        Waits.until(() -> clients.stream().allMatch(MovingClient::isOpen), "every client connected");
        assertThat(clients.stream().filter(c -> c.on.getPort() == podB.port())).hasSizeGreaterThanOrEqualTo(12);

        clients.forEach(MovingClient::close);
    }
}
