package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.LimitsProfile;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 12, item 3: only sends were limited; typing, read, sync and presence frames could be flooded (each fans out
 * or queries), and one token could open thousands of sockets. Under {@link LimitsProfile}: 3 sockets per user, 5
 * frames per socket and no refill within a test.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
public class SocketLimitsTest extends SocketTest {

    @Test
    void aSocketOverTheUsersLimitIsClosedWith4009AndTheOthersStayUsable() {
        User ann = Api.newUser("ann");
        List<ChatClient> kept = List.of(connect(ann), connect(ann), connect(ann));
        kept.forEach(ChatClient::barrier); // each answered: all three were kept

        assertThat(connect(ann).awaitClosed()).isEqualTo(4009);
        kept.get(0).barrier();
        assertThat(kept).allMatch(ChatClient::isOpen);
    }

    @Test
    void framesPastASocketsBudgetAreRefusedWhileItsSendsAndTheUsersOtherSocketsGoOn() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient flooding = connect(ann);
        for (int i = 0; i < 6; i++) {
            flooding.send(Map.of("type", "typing", "channelId", channel));
        }
        JsonNode refused = flooding.await(f -> "error".equals(ChatClient.type(f)));
        assertThat(refused.get("code").asText()).isEqualTo("rate_limited");
        assertThat(flooding.count(f -> "error".equals(ChatClient.type(f)))).as("only the sixth frame").isEqualTo(1);

        assertThat(ChatClient.type(flooding.sendMessage(channel, "still-sends", "sends have their own budget")))
                .isEqualTo("ack");
        connect(ann).barrier(); // another socket of the same user: a budget of its own
        assertThat(flooding.isOpen()).isTrue();
    }
}
