package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class ConcurrentSendersTest extends SocketTest {

    private static final int SENDERS = 4;
    private static final int EACH = 40; // within the burst, so the rate limit refuses none

    @Test
    void concurrentSendersProduceOneGapFreeOrderSeenByEveryoneAndByHistory() throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            users.add(Api.newUser("conc" + i));
        }
        User owner = users.get(0);
        String group = Api.group(owner, "Race", users.subList(1, SENDERS).toArray(User[]::new));
        List<ChatClient> clients = users.stream().map(this::connect).toList();
        User listener = Api.newUser("listen");
        owner.as().body(Map.of("userId", listener.id())).post("/api/v1/channels/" + group + "/members").then().statusCode(200);
        ChatClient watcher = connect(listener);

        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            ChatClient client = clients.get(s);
            int sender = s;
            sending.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < EACH; i++) {
                    client.send(Map.of("type", "send", "channelId", group, "clientMsgId", "s" + sender + "-" + i,
                            "text", "sender " + sender + " message " + i));
                }
            }, pool));
        }
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        pool.shutdown();

        for (ChatClient client : clients) {
            client.awaitCount(f -> "ack".equals(ChatClient.type(f)), EACH);
        }
        int total = SENDERS * EACH;
        List<Long> expectedSeqs = LongStream.rangeClosed(1, total).boxed().toList();
        List<String> historyOrder = new ArrayList<>();
        for (long after = 0; after < total; after += 200) {
            historyOrder.addAll(Api.history(owner, group, "?afterSeq=" + after + "&limit=200").getList("messages.id", String.class));
        }
        assertThat(historyOrder).hasSize(total).doesNotHaveDuplicates();

        List<ChatClient> everyone = new ArrayList<>(clients);
        everyone.add(watcher);
        for (ChatClient client : everyone) {
            List<JsonNode> received = client.awaitCount(f -> "message".equals(ChatClient.type(f)), total);
            assertThat(received).extracting(f -> f.get("seq").asLong()).containsExactlyElementsOf(expectedSeqs);
            assertThat(received).extracting(f -> f.get("id").asText()).containsExactlyElementsOf(historyOrder);
        }
        for (ChatClient client : clients) {
            assertThat(client.count(f -> "error".equals(ChatClient.type(f)))).isZero();
        }
    }
}
