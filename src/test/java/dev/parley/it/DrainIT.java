package dev.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.gateway.Drain;
import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.ClusterStack;
import dev.parley.support.ParleyProcess;
import dev.parley.support.Waits;
import io.restassured.RestAssured;

/**
 * SIGTERM to an instance with open clients: readiness down first, every socket closed with 1012, nothing acked lost.
 * Embedded mode on the jar; cluster mode on the native executable, which serves cluster mode only.
 */
class DrainIT {

    @AfterEach
    void reset() {
        RestAssured.reset();
    }

    @Test
    void sigtermDrainsSocketsAndLosesNothingAcked() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-drain");
        Map<String, String> environment = ParleyProcess.isNative() ? ClusterStack.get().parleyEnvironment(0)
                : Map.of("PARLEY_DATA_DIR", dataDir.toString());
        Path log = Files.createTempFile("parley-drain", ".log");
        try (ParleyProcess parley = new ParleyProcess(log, environment)) {
            parley.start();
            RestAssured.baseURI = "http://localhost";
            RestAssured.port = parley.port();
            User ann = Api.newUser("ann");
            User bob = Api.newUser("bob");
            String channel = Api.direct(ann, bob);
            // A socket its client closed before: its upgrade request must not hold the shutdown up (UpgradedRequests).
            ChatClient gone = ChatClient.withToken(parley.wsUri(), bob.token());
            gone.barrier();
            gone.close();
            ChatClient sender = ChatClient.withToken(parley.wsUri(), ann.token());
            List<ChatClient> clients = List.of(sender, ChatClient.withToken(parley.wsUri(), bob.token()),
                    ChatClient.withToken(parley.wsUri(), bob.token()));

            // Ann keeps sending, one message at a time, until her socket is closed under her.
            List<String> acked = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (int i = 0; sender.isOpen(); i++) {
                    String id = "d" + i;
                    try {
                        sender.send(Map.of("type", "send", "channelId", channel, "clientMsgId", id, "text", "n" + i));
                    } catch (RuntimeException closed) {
                        return;
                    }
                    Waits.until(() -> sender.count(f -> "ack".equals(ChatClient.type(f)) && id.equals(f.path("clientMsgId").asText())) > 0
                            || !sender.isOpen(), "ack or close of " + id);
                    if (sender.count(f -> id.equals(f.path("clientMsgId").asText()) && "ack".equals(ChatClient.type(f))) > 0) {
                        acked.add(id);
                    }
                }
            });
            Waits.until(() -> acked.size() >= 10, "a few acked messages before the SIGTERM");

            parley.signalStop();
            Waits.until(() -> readiness(parley) == 503, "readiness to go down during the drain");
            for (ChatClient client : clients) {
                assertThat(client.awaitClosed()).isEqualTo(Drain.SERVICE_RESTART);
            }
            sending.get(30, TimeUnit.SECONDS);
            assertThat(parley.awaitExit(Duration.ofSeconds(30))).as("exits within the grace period").isTrue();
            assertThat(Files.readString(log)).as("the shutdown found every request finished")
                    .doesNotContain("Timed out waiting for graceful shutdown");

            parley.start();
            List<String> stored = new ArrayList<>(Api.history(ann, channel, "?afterSeq=0&limit=200")
                    .getList("messages.clientMsgId", String.class));
            assertThat(stored).doesNotHaveDuplicates().containsAll(acked);
        }
    }

    private static int readiness(ParleyProcess parley) {
        try {
            HttpURLConnection connection = (HttpURLConnection) parley.managementUri().resolve("/q/health/ready").toURL()
                    .openConnection();
            connection.setConnectTimeout(500);
            return connection.getResponseCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
