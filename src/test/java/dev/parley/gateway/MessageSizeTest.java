package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;

/** The 100,000-character limit counts Unicode code points, with the worst case: four-byte characters. */
@QuarkusTest
public class MessageSizeTest extends SocketTest {

    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, four bytes in UTF-8, two UTF-16 units

    @Test
    void oneHundredThousandFourByteCharactersAreStoredExactly() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient a = connect(ann);
        ChatClient b = connect(bob);
        String text = EMOJI.repeat(100_000);

        JsonNode ack = a.sendMessage(channel, "big", text);
        assertThat(ChatClient.type(ack)).isEqualTo("ack");
        assertThat(b.await(f -> "message".equals(ChatClient.type(f))).get("text").asText()).isEqualTo(text);
        List<String> stored = Api.history(bob, channel, "").getList("messages.text", String.class);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).isEqualTo(text);
        assertThat(stored.get(0).codePointCount(0, stored.get(0).length())).isEqualTo(100_000);
    }

    @Test
    void oneMoreIsTooLargeAndNothingIsStored() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient a = connect(ann);

        JsonNode refused = a.sendMessage(channel, "too-big", EMOJI.repeat(100_001));
        assertThat(refused.get("code").asText()).isEqualTo("too_large");
        assertThat(refused.get("ref").asText()).isEqualTo("too-big");
        assertThat(Api.history(ann, channel, "").getList("messages")).isEmpty();
        assertThat(a.sendMessage(channel, "small", "fits").get("seq").asLong()).isEqualTo(1);
    }

    @Test
    void framesArriveWholeWhenEveryCharacterIsEscaped() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient a = connect(ann);
        String escaped = "\\ud83d\\ude00"; // 12 bytes on the wire for one character

        a.sendRaw(frame(channel, "escaped-ok", escaped.repeat(100_000)));
        JsonNode ack = a.await(f -> "escaped-ok".equals(f.path("clientMsgId").asText()) && "ack".equals(ChatClient.type(f)));
        assertThat(ack.get("seq").asLong()).isEqualTo(1);

        a.sendRaw(frame(channel, "escaped-big", escaped.repeat(100_001)));
        JsonNode refused = a.await(f -> "escaped-big".equals(f.path("ref").asText()));
        assertThat(refused.get("code").asText()).isEqualTo("too_large");
        a.barrier();
        String stored = Api.history(ann, channel, "").getList("messages.text", String.class).get(0);
        assertThat(stored).isEqualTo(EMOJI.repeat(100_000));
    }

    private static String frame(String channel, String clientMsgId, String jsonEscapedText) {
        return "{\"type\":\"send\",\"channelId\":\"" + channel + "\",\"clientMsgId\":\"" + clientMsgId
                + "\",\"text\":\"" + jsonEscapedText + "\"}";
    }
}
