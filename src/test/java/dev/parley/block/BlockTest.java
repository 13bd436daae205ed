package dev.parley.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import dev.parley.support.Waits;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12, item 4: anyone could pull anyone in. Now a blocked user cannot open a direct chat with the blocker, add
 * them to a group, see their presence or send into their direct chat; someone not blocked still can. Leaving a direct
 * chat stops its messages and the presence it shared.
 */
@QuarkusTest
public class BlockTest extends SocketTest {

    private static List<JsonNode> presenceOf(ChatClient watcher, User user) {
        return watcher.all(f -> "presence".equals(ChatClient.type(f)) && user.id().equals(f.path("userId").asText()));
    }

    @Test
    void aBlockedUserCannotOpenADirectChatWithTheBlockerOrAddThemToAGroup() {
        User ann = Api.newUser("ann");
        User eve = Api.newUser("eve");
        User bob = Api.newUser("bob");
        ann.as().put("/api/v1/blocks/" + eve.id()).then().statusCode(204);
        ann.as().put("/api/v1/blocks/" + eve.id()).then().statusCode(204); // again: nothing changes
        assertThat(ann.as().get("/api/v1/blocks").then().statusCode(200).extract().jsonPath().getList("userId"))
                .containsExactly(eve.id());

        eve.as().body(Map.of("type", "direct", "memberIds", List.of(ann.id()))).post("/api/v1/channels").then()
                .statusCode(403).body("code", org.hamcrest.Matchers.equalTo("blocked"));
        ann.as().body(Map.of("type", "direct", "memberIds", List.of(eve.id()))).post("/api/v1/channels").then()
                .statusCode(403); // the blocker neither: lift the block first
        eve.as().body(Map.of("type", "group", "name", "trap", "memberIds", List.of(bob.id(), ann.id())))
                .post("/api/v1/channels").then().statusCode(403).body("code", org.hamcrest.Matchers.equalTo("blocked"));
        String evesGroup = Api.group(eve, "later", bob);
        eve.as().body(Map.of("userId", ann.id())).post("/api/v1/channels/" + evesGroup + "/members").then()
                .statusCode(403).body("code", org.hamcrest.Matchers.equalTo("blocked"));

        // Someone not blocked is unaffected, and so is eve once the block is lifted.
        bob.as().body(Map.of("userId", ann.id())).post("/api/v1/channels/" + evesGroup + "/members").then()
                .statusCode(200);
        Api.direct(bob, ann);
        ann.as().delete("/api/v1/blocks/" + eve.id()).then().statusCode(204);
        assertThat(ann.as().get("/api/v1/blocks").then().extract().jsonPath().getList("userId")).isEmpty();
        Api.direct(eve, ann);
        ann.as().put("/api/v1/blocks/" + ann.id()).then().statusCode(400);
        ann.as().put("/api/v1/blocks/no-such-user").then().statusCode(404);
    }

    @Test
    void aBlockClosesTheDirectChatAndHidesTheBlockersPresenceFromThatUserOnly() {
        User ann = Api.newUser("ann");
        User eve = Api.newUser("eve");
        User bob = Api.newUser("bob");
        String withEve = Api.direct(eve, ann);
        Api.direct(bob, ann);
        ChatClient eveSocket = connect(eve); // watches ann by default (a direct chat's peer)
        ChatClient bobSocket = connect(bob);
        ChatClient annSocket = connect(ann);
        Waits.until(() -> presenceOf(eveSocket, ann).stream().anyMatch(f -> "online".equals(f.get("status").asText())),
                "eve sees ann online before the block");
        assertThat(eveSocket.sendMessage(withEve, "before", "hi").get("type").asText()).isEqualTo("ack");

        ann.as().put("/api/v1/blocks/" + eve.id()).then().statusCode(204);

        JsonNode refused = eveSocket.sendMessage(withEve, "after", "hi again");
        assertThat(refused.get("type").asText()).isEqualTo("error");
        assertThat(refused.get("code").asText()).isEqualTo("blocked");
        assertThat(annSocket.sendMessage(withEve, "from-ann", "bye").get("code").asText())
                .as("closed for the blocker too").isEqualTo("blocked");
        eveSocket.send(Map.of("type", "typing", "channelId", withEve));
        eveSocket.await(f -> "error".equals(ChatClient.type(f)) && "blocked".equals(f.path("code").asText())
                && !"after".equals(f.path("ref").asText()));
        assertThat(eve.as().get("/api/v1/presence?userIds=" + ann.id()).then().statusCode(200).extract().jsonPath()
                .getList("$")).isEmpty();
        assertThat(bob.as().get("/api/v1/presence?userIds=" + ann.id()).then().extract().jsonPath().getList("$"))
                .hasSize(1);

        // Ann goes offline: bob (not blocked) hears it; eve's watch of ann ended with the block.
        int eveSawBefore = presenceOf(eveSocket, ann).size();
        annSocket.close();
        Waits.until(() -> presenceOf(bobSocket, ann).stream().anyMatch(f -> "offline".equals(f.get("status").asText())),
                "bob hears ann go offline");
        eveSocket.send(Map.of("type", "presence.subscribe", "userIds", List.of(ann.id())));
        eveSocket.barrier();
        assertThat(presenceOf(eveSocket, ann)).hasSize(eveSawBefore);
        assertThat(Api.wholeHistory(ann, withEve)).extracting(m -> m.get("clientMsgId")).containsExactly("before");

        ann.as().delete("/api/v1/blocks/" + eve.id()).then().statusCode(204);
        assertThat(eveSocket.sendMessage(withEve, "reopened", "hello").get("type").asText()).isEqualTo("ack");
    }

    @Test
    void whoLeavesADirectChatGetsNothingFromItUntilTheyOpenItAgain() {
        User ann = Api.newUser("ann");
        User eve = Api.newUser("eve");
        String withEve = Api.direct(eve, ann);
        ChatClient annSocket = connect(ann);
        ChatClient eveSocket = connect(eve);

        eve.as().delete("/api/v1/channels/" + withEve + "/members/" + ann.id()).then()
                .statusCode(422); // nobody removes the other from a direct chat
        ann.as().delete("/api/v1/channels/" + withEve + "/members/" + ann.id()).then().statusCode(204);
        assertThat(ann.as().get("/api/v1/channels").then().extract().jsonPath().getList("id")).doesNotContain(withEve);
        assertThat(eveSocket.sendMessage(withEve, "while-away", "anyone?").get("type").asText()).isEqualTo("ack");
        annSocket.barrier();
        assertThat(annSocket.count(f -> "message".equals(ChatClient.type(f)))).isZero();
        assertThat(eve.as().get("/api/v1/presence?userIds=" + ann.id()).then().extract().jsonPath().getList("$"))
                .as("no shared channel, no presence").isEmpty();

        // Opening it again puts ann back, with its history.
        ann.as().body(Map.of("type", "direct", "memberIds", List.of(eve.id()))).post("/api/v1/channels").then()
                .statusCode(200).body("id", org.hamcrest.Matchers.equalTo(withEve));
        assertThat(Api.wholeHistory(ann, withEve)).extracting(m -> m.get("clientMsgId")).containsExactly("while-away");
        assertThat(eveSocket.sendMessage(withEve, "welcome-back", "hi").get("type").asText()).isEqualTo("ack");
        annSocket.await(f -> "message".equals(ChatClient.type(f)) && "welcome-back".equals(f.path("clientMsgId").asText()));
    }
}
