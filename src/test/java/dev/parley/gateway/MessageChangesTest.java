package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Edits and deletions of sent messages (issue 14), over the socket and REST, live and by sync. */
@QuarkusTest
public class MessageChangesTest extends SocketTest {

    private static boolean changedAt(JsonNode frame, long seq) {
        return "changed".equals(ChatClient.type(frame)) && frame.path("seq").asLong() == seq;
    }

    private static String messagePath(String channel, long seq) {
        return "/api/v1/channels/" + channel + "/messages/" + seq;
    }

    @Test
    void theAuthorEditsOverTheSocketAndEveryMemberSeesItLiveAndInHistory() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String group = Api.group(ann, "Edits", bob);
        ChatClient a = connect(ann);
        ChatClient b = connect(bob);
        long seq = a.sendMessage(group, "m1", "helo wrld").path("seq").asLong();

        a.send(Map.of("type", "edit", "channelId", group, "seq", seq, "text", "hello world", "ref", "fix-1"));
        JsonNode ack = a.awaitType("changeAck");
        assertThat(ack.path("ref").asText()).isEqualTo("fix-1");
        assertThat(ack.path("changeSeq").asLong()).isEqualTo(1);
        for (ChatClient member : List.of(a, b)) {
            JsonNode changed = member.await(f -> changedAt(f, seq));
            assertThat(changed.path("text").asText()).isEqualTo("hello world");
            assertThat(changed.path("changeSeq").asLong()).isEqualTo(1);
            assertThat(changed.hasNonNull("editedAt")).isTrue();
            assertThat(changed.has("deletedAt")).isFalse();
        }
        JsonPath history = Api.history(bob, group, "");
        assertThat(history.getString("messages[0].text")).isEqualTo("hello world");
        assertThat(history.getString("messages[0].editedAt")).isNotNull();
        assertThat(history.getLong("messages[0].changeSeq")).isEqualTo(1);
    }

    @Test
    void onlyTheAuthorEditsTheAuthorOrTheOwnerDeletesAndADeletedMessageIsATombstone() {
        User owner = Api.newUser("owner");
        User bob = Api.newUser("bob");
        User cat = Api.newUser("cat");
        User outsider = Api.newUser("out");
        String group = Api.group(owner, "Moderated", bob, cat);
        ChatClient b = connect(bob);
        long first = b.sendMessage(group, "b1", "first").path("seq").asLong();
        long second = b.sendMessage(group, "b2", "second").path("seq").asLong();

        cat.as().body(Map.of("text", "cat's now")).patch(messagePath(group, first)).then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("not_author"));
        cat.as().delete(messagePath(group, first)).then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("not_author"));
        owner.as().body(Map.of("text", "owner's now")).patch(messagePath(group, first)).then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("not_author"));
        outsider.as().delete(messagePath(group, first)).then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("not_member"));
        bob.as().delete(messagePath(group, 99)).then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("message_not_found"));
        bob.as().body(Map.of("text", "")).patch(messagePath(group, first)).then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("bad_request"));

        owner.as().delete(messagePath(group, first)).then().statusCode(200)
                .body("text", org.hamcrest.Matchers.equalTo("")).body("deletedAt", org.hamcrest.Matchers.notNullValue())
                .body("changeSeq", org.hamcrest.Matchers.equalTo(1));
        bob.as().delete(messagePath(group, second)).then().statusCode(200).body("changeSeq", org.hamcrest.Matchers.equalTo(2));
        bob.as().delete(messagePath(group, second)).then().statusCode(200)
                .body("changeSeq", org.hamcrest.Matchers.equalTo(2)); // again: nothing more to do
        bob.as().body(Map.of("text", "undo")).patch(messagePath(group, first)).then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("message_deleted"));

        JsonPath history = Api.history(cat, group, "");
        assertThat(history.getList("messages.seq", Long.class)).as("tombstones keep their seqs").containsExactly(first, second);
        assertThat(history.getList("messages.text", String.class)).containsExactly("", "");
        assertThat(history.getList("messages.deletedAt", String.class)).doesNotContainNull();
        assertThat(b.await(f -> changedAt(f, second)).path("deletedAt").isTextual()).isTrue();
    }

    @Test
    void socketRefusalsAnswerWithTheRefAndTheConnectionStaysUsable() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String direct = Api.direct(ann, bob);
        ChatClient a = connect(ann);
        ChatClient b = connect(bob);
        long seq = a.sendMessage(direct, "a1", "ann's").path("seq").asLong();

        b.send(Map.of("type", "edit", "channelId", direct, "seq", seq, "text", "bob's", "ref", "r1"));
        JsonNode refused = b.await(f -> "error".equals(ChatClient.type(f)) && "r1".equals(f.path("ref").asText()));
        assertThat(refused.path("code").asText()).isEqualTo("not_author");
        b.send(Map.of("type", "delete", "channelId", direct, "seq", "one", "ref", "r2"));
        assertThat(b.await(f -> "error".equals(ChatClient.type(f)) && "r2".equals(f.path("ref").asText()))
                .path("code").asText()).isEqualTo("bad_request");
        b.send(Map.of("type", "delete", "channelId", direct, "seq", seq + 1, "ref", "r3"));
        assertThat(b.await(f -> "error".equals(ChatClient.type(f)) && "r3".equals(f.path("ref").asText()))
                .path("code").asText()).isEqualTo("message_not_found");

        assertThat(b.sendMessage(direct, "b1", "still fine").path("seq").asLong()).isEqualTo(seq + 1);
        assertThat(Api.history(ann, direct, "").getList("messages.text", String.class))
                .containsExactly("ann's", "still fine");
    }

    @Test
    void aDeviceThatWasOfflineLearnsEveryChangeMadeWhileAwayThroughSync() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String direct = Api.direct(ann, bob);
        ChatClient a = connect(ann);
        ChatClient bobBefore = connect(bob);
        for (int i = 1; i <= 3; i++) {
            a.sendMessage(direct, "m" + i, "message " + i);
        }
        bobBefore.await(f -> "message".equals(ChatClient.type(f)) && f.path("seq").asLong() == 3);
        bobBefore.close(); // bob knows seqs 1 to 3 and no change

        ann.as().body(Map.of("text", "message 1, edited")).patch(messagePath(direct, 1)).then().statusCode(200);
        ann.as().body(Map.of("text", "message 1, edited twice")).patch(messagePath(direct, 1)).then().statusCode(200);
        ann.as().delete(messagePath(direct, 2)).then().statusCode(200);

        ChatClient bobAfter = connect(bob);
        bobAfter.send(Map.of("type", "sync", "cursors", Map.of(direct, 3), "changeCursors", Map.of(direct, 0)));
        JsonNode synced = bobAfter.awaitType("synced");
        assertThat(bobAfter.all(f -> "message".equals(ChatClient.type(f)))).as("no message was missed").isEmpty();
        List<JsonNode> changed = bobAfter.all(f -> "changed".equals(ChatClient.type(f)));
        assertThat(changed).extracting(f -> f.path("seq").asLong() + " " + f.path("text").asText() + " "
                + f.path("changeSeq").asLong() + " " + f.has("deletedAt"))
                .as("each changed message once, in its latest state")
                .containsExactly("1 message 1, edited twice 2 false", "2  3 true");
        assertThat(synced.path("changeCursors").path(direct).asLong()).isEqualTo(3);
        assertThat(synced.path("changesTruncated")).isEmpty();

        bobAfter.clear();
        bobAfter.send(Map.of("type", "sync", "cursors", Map.of(direct, 3), "changeCursors", Map.of(direct, 3)));
        JsonNode again = bobAfter.awaitType("synced");
        assertThat(bobAfter.all(f -> "changed".equals(ChatClient.type(f)))).as("nothing changed since").isEmpty();
        assertThat(again.path("changeCursors").path(direct).asLong()).isEqualTo(3);

        bobAfter.clear();
        bobAfter.send(Map.of("type", "sync", "cursors", Map.of(direct, 0)));
        JsonNode plain = bobAfter.awaitType("synced");
        assertThat(plain.has("changeCursors")).as("a sync without changeCursors answers as before").isFalse();
        List<JsonNode> messages = bobAfter.all(f -> "message".equals(ChatClient.type(f)));
        assertThat(messages).extracting(f -> f.path("text").asText())
                .as("messages sync in their current state").containsExactly("message 1, edited twice", "", "message 3");
    }

    @Test
    void aDirectChatClosedByABlockTakesNoEditsButItsMessagesCanStillBeDeleted() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String direct = Api.direct(ann, bob);
        long seq = connect(ann).sendMessage(direct, "a1", "regrettable").path("seq").asLong();
        bob.as().put("/api/v1/blocks/" + ann.id()).then().statusCode(org.hamcrest.Matchers.lessThan(300));

        ann.as().body(Map.of("text", "worse")).patch(messagePath(direct, seq)).then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("blocked"));
        ann.as().delete(messagePath(direct, seq)).then().statusCode(200)
                .body("deletedAt", org.hamcrest.Matchers.notNullValue());
    }

    /** The reactions path with the emoji as a path parameter: REST Assured percent-encodes it (UTF-8), as clients must. */
    private static String reactionPath(String channel, long seq) {
        return messagePath(channel, seq) + "/reactions/{emoji}";
    }

    @Test
    void membersReactOverTheSocketAndRestAndEveryoneSeesCountsAndWho() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User outsider = Api.newUser("out");
        String group = Api.group(ann, "Reactions", bob);
        ChatClient a = connect(ann);
        ChatClient b = connect(bob);
        long seq = a.sendMessage(group, "m1", "lunch?").path("seq").asLong();

        b.send(Map.of("type", "react", "channelId", group, "seq", seq, "emoji", "\uD83D\uDC4D", "ref", "r1"));
        assertThat(b.await(f -> "changeAck".equals(ChatClient.type(f)) && "r1".equals(f.path("ref").asText()))
                .path("changeSeq").asLong()).isEqualTo(1);
        JsonNode seenByAnn = a.await(f -> changedAt(f, seq) && f.path("changeSeq").asLong() == 1);
        assertThat(seenByAnn.path("reactions").get(0).path("emoji").asText()).isEqualTo("\uD83D\uDC4D");
        assertThat(seenByAnn.path("reactions").get(0).path("count").asInt()).isEqualTo(1);
        assertThat(seenByAnn.path("reactions").get(0).path("userIds").get(0).asText()).isEqualTo(bob.id());

        ann.as().put(reactionPath(group, seq), "\uD83D\uDC4D").then().statusCode(200)
                .body("reactions[0].count", org.hamcrest.Matchers.equalTo(2));
        ann.as().put(reactionPath(group, seq), ":taco:").then().statusCode(200)
                .body("reactions.emoji", org.hamcrest.Matchers.hasItems("\uD83D\uDC4D", ":taco:"));
        bob.as().delete(reactionPath(group, seq), "\uD83D\uDC4D").then().statusCode(200)
                .body("reactions.find { it.emoji == '\uD83D\uDC4D' }.userIds", org.hamcrest.Matchers.contains(ann.id()));
        outsider.as().put(reactionPath(group, seq), ":taco:").then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("not_member"));
        ann.as().put(reactionPath(group, seq), "two words").then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("bad_request"));

        JsonPath history = Api.history(bob, group, "");
        assertThat(history.getList("messages[0].reactions.emoji", String.class)).containsExactlyInAnyOrder("\uD83D\uDC4D", ":taco:");
        assertThat(history.getLong("messages[0].changeSeq")).isEqualTo(4);
        JsonNode last = b.await(f -> changedAt(f, seq) && f.path("changeSeq").asLong() == 4);
        assertThat(last.path("reactions")).hasSize(2);
    }

    @Test
    void reactionsMadeWhileADeviceWasAwayArriveBySync() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String direct = Api.direct(ann, bob);
        long seq = connect(ann).sendMessage(direct, "a1", "news").path("seq").asLong();
        ann.as().put(reactionPath(direct, seq), ":tada:").then().statusCode(200);
        ann.as().put(reactionPath(direct, seq), ":eyes:").then().statusCode(200);
        ann.as().delete(reactionPath(direct, seq), ":eyes:").then().statusCode(200);

        ChatClient b = connect(bob);
        b.send(Map.of("type", "sync", "cursors", Map.of(direct, seq), "changeCursors", Map.of(direct, 0)));
        b.awaitType("synced");
        List<JsonNode> changed = b.all(f -> "changed".equals(ChatClient.type(f)));
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).path("changeSeq").asLong()).isEqualTo(3);
        assertThat(changed.get(0).path("reactions")).hasSize(1);
        assertThat(changed.get(0).path("reactions").get(0).path("emoji").asText()).isEqualTo(":tada:");
    }
}
