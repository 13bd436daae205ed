package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Replies (issue 14): a message may reply to an earlier one of its channel; frames and history carry a preview. */
@QuarkusTest
public class RepliesTest extends SocketTest {

    private static JsonNode reply(ChatClient client, String channel, String clientMsgId, String text, Object replyToSeq) {
        Map<String, Object> frame = new HashMap<>(Map.of("type", "send", "channelId", channel, "clientMsgId", clientMsgId,
                "text", text));
        frame.put("replyToSeq", replyToSeq);
        client.send(frame);
        return client.awaitAnswerTo(clientMsgId);
    }

    @Test
    void aReplyCarriesItsOriginalsSeqAuthorAndPreviewLiveInHistoryAndBySync() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String group = Api.group(ann, "Threads", bob);
        ChatClient a = connect(ann);
        ChatClient b = connect(bob);
        String longText = "\uD83D\uDE00".repeat(60) + "x".repeat(90); // 150 code points
        a.sendMessage(group, "a1", longText);
        String preview = "\uD83D\uDE00".repeat(60) + "x".repeat(40); // the first 100 code points

        JsonNode ack = reply(b, group, "b1", "agreed", 1);
        assertThat(ack.path("seq").asLong()).isEqualTo(2);
        JsonNode live = a.await(f -> "message".equals(ChatClient.type(f)) && f.path("seq").asLong() == 2);
        assertThat(live.path("replyTo").path("seq").asLong()).isEqualTo(1);
        assertThat(live.path("replyTo").path("senderId").asText()).isEqualTo(ann.id());
        assertThat(live.path("replyTo").path("preview").asText()).isEqualTo(preview);

        JsonPath history = Api.history(ann, group, "");
        assertThat(history.getMap("messages[0]")).doesNotContainKey("replyTo");
        assertThat(history.getLong("messages[1].replyTo.seq")).isEqualTo(1);
        assertThat(history.getString("messages[1].replyTo.preview")).isEqualTo(preview);

        ChatClient later = connect(ann);
        later.send(Map.of("type", "sync", "cursors", Map.of(group, 1)));
        later.awaitType("synced");
        assertThat(later.await(f -> "message".equals(ChatClient.type(f)) && f.path("seq").asLong() == 2)
                .path("replyTo").path("senderId").asText()).isEqualTo(ann.id());
    }

    @Test
    void previewsFollowTheOriginalAndAReplyNeedsALiveOriginalOfTheSameChannel() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String direct = Api.direct(ann, bob);
        String other = Api.group(ann, "Elsewhere", bob);
        ChatClient a = connect(ann);
        a.sendMessage(direct, "a1", "first draft");
        assertThat(reply(a, direct, "a2", "self reply", 1).path("type").asText()).isEqualTo("ack");

        ann.as().body(Map.of("text", "final wording")).patch("/api/v1/channels/" + direct + "/messages/1").then()
                .statusCode(200);
        assertThat(Api.history(bob, direct, "").getString("messages[1].replyTo.preview")).isEqualTo("final wording");
        ann.as().delete("/api/v1/channels/" + direct + "/messages/1").then().statusCode(200);
        JsonPath afterDeletion = Api.history(bob, direct, "");
        assertThat(afterDeletion.getString("messages[1].replyTo.preview")).isEmpty();
        assertThat(afterDeletion.getBoolean("messages[1].replyTo.deleted")).isTrue();

        assertThat(reply(a, direct, "a3", "to a tombstone", 1).path("code").asText()).isEqualTo("message_deleted");
        assertThat(reply(a, direct, "a4", "to nothing", 99).path("code").asText()).isEqualTo("message_not_found");
        assertThat(reply(a, direct, "a5", "to the head", 0).path("code").asText()).isEqualTo("message_not_found");
        assertThat(reply(a, other, "a6", "across channels", 2).path("code").asText()).isEqualTo("message_not_found");
        assertThat(reply(a, direct, "a7", "not a seq", "two").path("code").asText()).isEqualTo("bad_request");
        assertThat(Api.history(bob, direct, "").getList("messages.seq", Long.class)).containsExactly(1L, 2L);
        assertThat(Api.history(bob, other, "").getList("messages")).isEmpty();
    }
}
