package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class RateLimitTest extends SocketTest {

    @Test
    void aUserPastTheBudgetIsRefusedAcrossAllConnectionsAndNothingIsStored() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient phone = connect(ann);
        ChatClient laptop = connect(ann);

        // 120 sends fired without waiting, split over two connections: the burst of 50 plus what refills (20/s)
        // while they are handled must pass, the rest must be refused.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = "burst-" + i;
            ids.add(id);
            (i % 2 == 0 ? phone : laptop).send(Map.of("type", "send", "channelId", channel, "clientMsgId", id, "text", "x"));
        }
        // Every send is answered, on its own connection, by an ack or an error.
        List<JsonNode> answers = new ArrayList<>(phone.awaitCount(RateLimitTest::isAnswer, 60));
        answers.addAll(laptop.awaitCount(RateLimitTest::isAnswer, 60));
        long acked = answers.stream().filter(f -> "ack".equals(ChatClient.type(f))).count();
        long limited = answers.stream().filter(f -> "rate_limited".equals(f.path("code").asText())).count();
        assertThat(acked + limited).isEqualTo(120);
        assertThat(acked).isGreaterThanOrEqualTo(50).isLessThan(120);
        assertThat(limited).isPositive();
        assertThat(Api.history(ann, channel, "?limit=200").getList("messages")).hasSize((int) acked);
        assertThat(phone.isOpen()).isTrue();
    }

    private static boolean isAnswer(JsonNode frame) {
        return "ack".equals(ChatClient.type(frame)) || "error".equals(ChatClient.type(frame));
    }
}
