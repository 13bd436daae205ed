package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;

/** Every error code, each answered with an error frame on a socket that stays usable. */
@QuarkusTest
public class FrameErrorsTest extends SocketTest {

    @Test
    void badInputGetsAnErrorFrameAndTheSocketStaysOpen() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient client = connect(ann);

        assertError(client, "{not json", "bad_request", null);
        assertError(client, "[1,2]", "bad_request", null);
        assertError(client, "{\"channelId\":\"x\"}", "bad_request", null);
        assertError(client, "{\"type\":\"send\",\"clientMsgId\":\"no-channel\",\"text\":\"hi\"}", "bad_request", "no-channel");
        assertError(client, "{\"type\":\"send\",\"channelId\":\"" + channel + "\",\"clientMsgId\":\"empty\",\"text\":\"\"}",
                "bad_request", "empty");
        assertError(client, "{\"type\":\"send\",\"channelId\":\"" + channel + "\",\"clientMsgId\":\"nul\",\"text\":\"a\\u0000b\"}",
                "bad_request", "nul");
        assertError(client, "{\"type\":\"send\",\"channelId\":\"" + channel + "\",\"clientMsgId\":\"half\",\"text\":\"\\ud83d\"}",
                "bad_request", "half");
        // Issue 12, item 5: a NUL in a clientMsgId used to fail every resend with internal_error; bidi controls are refused too.
        assertError(client, "{\"type\":\"send\",\"channelId\":\"" + channel + "\",\"clientMsgId\":\"a\\u0000b\",\"text\":\"hi\"}",
                "bad_request", "a\u0000b");
        assertError(client, "{\"type\":\"send\",\"channelId\":\"" + channel + "\",\"clientMsgId\":\"id\\u202e\",\"text\":\"hi\"}",
                "bad_request", "id\u202e");
        assertError(client, "{\"type\":\"read\",\"channelId\":\"" + channel + "\",\"seq\":-1}", "bad_request", null);
        assertError(client, "{\"type\":\"sync\",\"cursors\":[]}", "bad_request", null);
        assertError(client, "{\"type\":\"dance\"}", "unknown_type", null);

        // Nothing of the above was stored, and the socket still works.
        assertThat(Api.history(ann, channel, "").getList("messages")).isEmpty();
        assertThat(client.sendMessage(channel, "after-errors", "still here").get("seq").asLong()).isEqualTo(1);
    }

    @Test
    void aNonMemberIsRefusedEverywhere() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User eve = Api.newUser("eve");
        String channel = Api.direct(ann, bob);
        ChatClient intruder = connect(eve);
        ChatClient b = connect(bob);

        JsonNode refused = intruder.sendMessage(channel, "sneaky", "let me in");
        assertThat(refused.get("code").asText()).isEqualTo("not_member");
        assertError(intruder, "{\"type\":\"typing\",\"channelId\":\"" + channel + "\"}", "not_member", null);
        assertError(intruder, "{\"type\":\"read\",\"channelId\":\"" + channel + "\",\"seq\":1}", "not_member", null);

        b.barrier();
        assertThat(b.count(f -> !"pong".equals(ChatClient.type(f)) && !"presence".equals(ChatClient.type(f)))).isZero();
        assertThat(Api.history(ann, channel, "").getList("messages")).isEmpty();
    }

    private static void assertError(ChatClient client, String raw, String code, String ref) {
        int before = client.count(f -> "error".equals(ChatClient.type(f)));
        client.sendRaw(raw);
        client.awaitCount(f -> "error".equals(ChatClient.type(f)), before + 1);
        JsonNode error = client.all(f -> "error".equals(ChatClient.type(f))).get(before);
        assertThat(error.get("code").asText()).as("code for %s", raw).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        if (ref == null) {
            assertThat(error.has("ref")).isFalse();
        } else {
            assertThat(error.get("ref").asText()).isEqualTo(ref);
        }
        client.barrier();
        assertThat(client.isOpen()).isTrue();
    }
}
