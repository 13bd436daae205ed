package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.ClusterProfile;
import dev.parley.support.ClusterStack;
import dev.parley.support.FakeSns;
import dev.parley.support.PushRecorder;
import dev.parley.support.SocketTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The SNS adapter with the real AWS SDK over HTTP, checked by the requests the SNS endpoint received. */
@QuarkusTest
@TestProfile(ClusterProfile.class)
class SnsPushNotifierTest extends SocketTest {

    @Inject
    PushRecorder recorder;
    @Inject
    DeviceRepository devices;

    private final FakeSns sns = ClusterStack.get().sns();
    private final ObjectMapper json = new ObjectMapper();

    /** A new sender and a new direct channel each time, so coalescing never hides a push. */
    private List<PushDispatched> messageTo(User recipient, String text) {
        User sender = Api.newUser("snd");
        String channel = Api.direct(sender, recipient);
        ChatClient client = connect(sender);
        String id = client.sendMessage(channel, "m-" + System.nanoTime(), text).get("id").asText();
        return recorder.pushesAfterRound(id, recipient.id());
    }

    private boolean deviceExists(String token) {
        return QuarkusTransaction.requiringNew().call(() -> devices.findByIdOptional(token).isPresent());
    }

    @Test
    void createsAnEndpointOnceAndPublishesThePlatformPayloads() throws Exception {
        User bob = Api.newUser("bob");
        String token = "apns-token-" + bob.id();
        bob.as().body(java.util.Map.of("platform", "apns", "token", token)).post("/api/v1/devices").then().statusCode(201);

        assertThat(messageTo(bob, "hello over SNS")).singleElement()
                .satisfies(p -> assertThat(p.outcome()).isEqualTo(PushNotifier.Outcome.SENT));
        List<FakeSns.Call> creates = sns.calls("CreatePlatformEndpoint").stream()
                .filter(c -> token.equals(c.params().get("Token"))).toList();
        assertThat(creates).hasSize(1);
        assertThat(creates.get(0).params().get("PlatformApplicationArn")).contains(":app/APNS/");
        String arn = sns.endpointOfToken(token).arn;
        assertThat(sns.calls("GetEndpointAttributes")).anyMatch(c -> arn.equals(c.params().get("EndpointArn")));
        FakeSns.Call publish = sns.calls("Publish").stream().filter(c -> arn.equals(c.params().get("TargetArn")))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(publish.params().get("MessageStructure")).isEqualTo("json");
        JsonNode message = json.readTree(publish.params().get("Message"));
        assertThat(message.get("default").asText()).isEqualTo("hello over SNS");
        JsonNode apns = json.readTree(message.get("APNS").asText());
        assertThat(apns.at("/aps/alert/title").asText()).isEqualTo("snd");
        assertThat(apns.at("/aps/alert/body").asText()).isEqualTo("hello over SNS");
        assertThat(apns.at("/aps/badge").asLong()).isEqualTo(1);
        assertThat(apns.get("seq").asLong()).isEqualTo(1);
        JsonNode fcm = json.readTree(message.get("GCM").asText());
        assertThat(fcm.at("/fcmV1Message/message/notification/body").asText()).isEqualTo("hello over SNS");

        // The second push reuses the endpoint.
        messageTo(bob, "again");
        assertThat(sns.calls("CreatePlatformEndpoint").stream().filter(c -> token.equals(c.params().get("Token")))).hasSize(1);
    }

    @Test
    void aStaleTokenOnTheEndpointIsSetBack() {
        User bob = Api.newUser("bob");
        String token = "fcm-token-" + bob.id();
        bob.as().body(java.util.Map.of("platform", "fcm", "token", token)).post("/api/v1/devices").then().statusCode(201);
        messageTo(bob, "first");
        FakeSns.Endpoint endpoint = sns.endpointOfToken(token);
        endpoint.token = "something-else";

        assertThat(messageTo(bob, "second")).singleElement()
                .satisfies(p -> assertThat(p.outcome()).isEqualTo(PushNotifier.Outcome.SENT));
        assertThat(sns.calls("SetEndpointAttributes")).anyMatch(c -> endpoint.arn.equals(c.params().get("EndpointArn"))
                && token.equals(c.params().get("Attributes.entry.1.value")) || token.equals(c.params().get("Attributes.entry.2.value")));
        assertThat(endpoint.token).isEqualTo(token);
    }

    @Test
    void anEndpointReportedDisabledIsDeletedWithItsDevice() {
        User bob = Api.newUser("bob");
        String token = "apns-dead-" + bob.id();
        bob.as().body(java.util.Map.of("platform", "apns", "token", token)).post("/api/v1/devices").then().statusCode(201);
        messageTo(bob, "works once");
        String arn = sns.endpointOfToken(token).arn;
        sns.disableOnPublish(arn);

        assertThat(messageTo(bob, "now disabled")).singleElement()
                .satisfies(p -> assertThat(p.outcome()).isEqualTo(PushNotifier.Outcome.DEVICE_GONE));
        assertThat(sns.calls("DeleteEndpoint")).anyMatch(c -> arn.equals(c.params().get("EndpointArn")));
        assertThat(deviceExists(token)).isFalse();
    }

    @Test
    void anEndpointSnsDoesNotKnowForgetsItsDevice() {
        User bob = Api.newUser("bob");
        String token = "fcm-gone-" + bob.id();
        bob.as().body(java.util.Map.of("platform", "fcm", "token", token)).post("/api/v1/devices").then().statusCode(201);
        messageTo(bob, "works once");
        sns.forget(sns.endpointOfToken(token).arn);

        assertThat(messageTo(bob, "endpoint gone")).singleElement()
                .satisfies(p -> assertThat(p.outcome()).isEqualTo(PushNotifier.Outcome.DEVICE_GONE));
        assertThat(deviceExists(token)).isFalse();
    }
}
