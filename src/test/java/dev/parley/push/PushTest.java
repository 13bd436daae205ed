package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.PushRecorder;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;

/** Pushes to offline members; the test profile coalesces within 3 s. */
@QuarkusTest
public class PushTest extends SocketTest {

    @Inject
    PushRecorder recorder;

    static void register(User user, String platform, String token, int status) {
        user.as().body(Map.of("platform", platform, "token", token)).post("/api/v1/devices").then().statusCode(status);
    }

    @Test
    void anOfflineMemberGetsOnePushPerDeviceWithThePayloadThenCoalescing() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        String apns = "apns-" + bob.id();
        String fcm = "fcm-" + bob.id();
        register(bob, "apns", apns, 201);
        register(bob, "apns", apns, 200); // idempotent per token
        register(bob, "fcm", fcm, 201);
        ChatClient sender = connect(ann);
        String text = "\uD83D\uDE00".repeat(130);

        JsonNode ack = sender.sendMessage(channel, "p1", text);
        List<PushDispatched> pushes = recorder.pushesAfterRound(ack.get("id").asText(), bob.id());
        assertThat(pushes).extracting(PushDispatched::token).containsExactlyInAnyOrder(apns, fcm);
        for (PushDispatched push : pushes) {
            assertThat(push.message().title()).isEqualTo("ann"); // a direct chat: the sender's display name
            assertThat(push.message().body()).isEqualTo("\uD83D\uDE00".repeat(120));
            assertThat(push.message().channelId()).isEqualTo(channel);
            assertThat(push.message().seq()).isEqualTo(1);
            assertThat(push.message().badge()).isEqualTo(1);
            assertThat(push.outcome()).isEqualTo(PushNotifier.Outcome.SENT);
        }

        JsonNode second = sender.sendMessage(channel, "p2", "within the coalescing window");
        assertThat(recorder.pushesAfterRound(second.get("id").asText(), bob.id())).isEmpty();
    }

    @Test
    void noPushForOnlineOrMutedMembersNorTheSender() {
        User ann = Api.newUser("ann");
        User online = Api.newUser("bob");
        User muted = Api.newUser("cat");
        User offline = Api.newUser("dan");
        String group = Api.group(ann, "Quiet please", online, muted, offline);
        register(ann, "fcm", "fcm-" + ann.id(), 201);
        register(online, "fcm", "fcm-" + online.id(), 201);
        register(muted, "apns", "apns-" + muted.id(), 201);
        register(offline, "apns", "apns-" + offline.id(), 201);
        muted.as().body(Map.of("muted", true)).put("/api/v1/channels/" + group + "/mute").then().statusCode(200)
                .body("muted", org.hamcrest.Matchers.equalTo(true));
        connect(online).barrier();
        ChatClient sender = connect(ann);

        String id = sender.sendMessage(group, "m1", "hello group").get("id").asText();
        assertThat(recorder.pushesAfterRound(id, offline.id())).hasSize(1)
                .allSatisfy(p -> assertThat(p.message().title()).isEqualTo("Quiet please"));
        assertThat(recorder.pushesAfterRound(id, online.id())).isEmpty();
        assertThat(recorder.pushesAfterRound(id, muted.id())).isEmpty();
        assertThat(recorder.pushesAfterRound(id, ann.id())).isEmpty();
    }

    /** The live hand-off found every member connected: the round ends at once, pushing nobody. */
    @Test
    void noPushWhenEveryOtherMemberIsOnline() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String direct = Api.direct(ann, bob);
        register(ann, "fcm", "fcm-" + ann.id(), 201);
        register(bob, "apns", "apns-" + bob.id(), 201);
        connect(bob).barrier();
        ChatClient sender = connect(ann);

        String id = sender.sendMessage(direct, "m1", "you are here").get("id").asText();
        assertThat(recorder.pushesAfterRound(id, bob.id())).isEmpty();
        assertThat(recorder.pushesAfterRound(id, ann.id())).isEmpty();
    }

    @Test
    void aTokenMovesToItsNewUserAndOnlyItsOwnerRemovesIt() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User cat = Api.newUser("cat");
        String token = "shared-phone-" + bob.id();
        register(bob, "apns", token, 201);
        register(cat, "apns", token, 201); // the phone changed hands
        String channel = Api.direct(ann, bob);
        String id = connect(ann).sendMessage(channel, "to-bob", "bob has no phone now").get("id").asText();
        assertThat(recorder.pushesAfterRound(id, bob.id())).isEmpty();

        bob.as().delete("/api/v1/devices/" + token).then().statusCode(404);
        cat.as().delete("/api/v1/devices/" + token).then().statusCode(204);
        bob.as().body(Map.of("platform", "windows", "token", "x")).post("/api/v1/devices").then().statusCode(400);
    }
}
