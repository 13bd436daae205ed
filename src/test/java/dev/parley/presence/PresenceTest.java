package dev.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.delivery.LocalConnections;
import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import dev.parley.support.Waits;
import io.quarkus.test.junit.QuarkusTest;

/** Presence over real sockets; the test profile sets heartbeat 1 s, timeout 4 s, grace 1 s. */
@QuarkusTest
public class PresenceTest extends SocketTest {

    private static List<JsonNode> presenceOf(ChatClient watcher, User user) {
        return watcher.all(f -> "presence".equals(ChatClient.type(f)) && user.id().equals(f.path("userId").asText()));
    }

    private static String statusOf(JsonNode frame) {
        return frame.get("status").asText();
    }

    @Test
    void onlineWhileConnectedOfflineAfterTheGraceAndAFlapShowsNothing() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        Api.direct(ann, bob);
        ChatClient watcher = connect(bob); // direct-channel peers are watched by default
        JsonNode initial = watcher.await(f -> "presence".equals(ChatClient.type(f)) && ann.id().equals(f.path("userId").asText()));
        assertThat(statusOf(initial)).isEqualTo("offline");
        assertThat(initial.get("lastActiveAt").isNull()).as("never connected").isTrue();

        ChatClient first = connect(ann);
        Waits.until(() -> presenceOf(watcher, ann).size() == 2, "ann online");
        assertThat(statusOf(presenceOf(watcher, ann).get(1))).isEqualTo("online");

        // A flap: the connection drops and comes back within the grace period.
        first.close();
        ChatClient second = connect(ann);
        second.barrier();
        second.close(); // now gone for good

        Waits.until(() -> presenceOf(watcher, ann).size() >= 3, "ann offline after the grace");
        List<JsonNode> frames = presenceOf(watcher, ann);
        assertThat(frames).extracting(PresenceTest::statusOf).containsExactly("offline", "online", "offline");
        String lastActiveAt = frames.get(2).get("lastActiveAt").asText();
        assertThat(lastActiveAt).isNotBlank();

        List<Map<String, Object>> bulk = bob.as().get("/api/v1/presence?userIds=" + ann.id()).then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(bulk).hasSize(1);
        assertThat(bulk.get(0)).containsEntry("userId", ann.id()).containsEntry("status", "offline")
                .containsEntry("lastActiveAt", lastActiveAt);
    }

    @Test
    void aSilentConnectionIsClosedAndNoLongerCounts() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        Api.direct(ann, bob);
        ChatClient watcher = connect(bob);
        ChatClient silent = connect(ann).silent();
        Waits.until(() -> presenceOf(watcher, ann).stream().anyMatch(f -> "online".equals(statusOf(f))), "ann online");

        assertThat(silent.awaitClosed()).isEqualTo(LocalConnections.IDLE_CLOSE_CODE);
        Waits.until(() -> "offline".equals(statusOf(presenceOf(watcher, ann).get(presenceOf(watcher, ann).size() - 1))),
                "ann offline after the timeout");
    }

    @Test
    void usersWhoShareNoChannelAreNotVisible() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User eve = Api.newUser("eve");
        Api.direct(ann, bob);
        connect(ann).barrier();
        ChatClient stranger = connect(eve);
        stranger.send(Map.of("type", "presence.subscribe", "userIds", List.of(ann.id())));
        stranger.barrier();
        assertThat(presenceOf(stranger, ann)).isEmpty();
        assertThat(eve.as().get("/api/v1/presence?userIds=" + ann.id()).then().statusCode(200).extract().jsonPath()
                .getList("$")).isEmpty();
        assertThat(bob.as().get("/api/v1/presence?userIds=" + ann.id() + "," + eve.id()).then().statusCode(200)
                .extract().jsonPath().getList("status", String.class)).containsExactly("online");
    }

    @Test
    void subscribingAgainReplacesTheSetWhichIsCapped() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User cat = Api.newUser("cat");
        String group = Api.group(ann, "Watchers", bob, cat);
        ChatClient watcher = connect(bob);
        watcher.send(Map.of("type", "presence.subscribe", "userIds", List.of(ann.id())));
        Waits.until(() -> presenceOf(watcher, ann).size() == 1, "ann's status");
        watcher.send(Map.of("type", "presence.subscribe", "userIds", List.of(cat.id())));
        Waits.until(() -> presenceOf(watcher, cat).size() == 1, "cat's status");

        ChatClient annClient = connect(ann);
        annClient.sendMessage(group, "after-replace", "bob no longer watches me");
        watcher.await(f -> "message".equals(ChatClient.type(f)));
        assertThat(presenceOf(watcher, ann)).as("ann went online after bob stopped watching her").hasSize(1);

        List<String> tooMany = IntStream.range(0, 201).mapToObj(i -> "user-" + i).toList();
        watcher.send(Map.of("type", "presence.subscribe", "userIds", tooMany));
        assertThat(watcher.awaitType("error").get("code").asText()).isEqualTo("bad_request");
    }
}
