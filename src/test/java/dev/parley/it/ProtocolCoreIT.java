package dev.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.ClusterStack;
import dev.parley.support.FakeSns;
import dev.parley.support.ParleyProcess;
import dev.parley.support.Uploads;
import dev.parley.support.Waits;
import io.restassured.RestAssured;

/**
 * What a client relies on most, against the packaged application in cluster mode, beside what {@link ClusterIT} and
 * {@link DrainIT} cover: catching up by cursor, the 100,000-character boundary, a push through SNS, an attachment. Run on the jar by
 * {@code ./mvnw verify}, and on the native executable with {@code -Dparley.runner=...} (issue 13), where reflection,
 * resources and class initialisation differ.
 */
class ProtocolCoreIT {

    private static ClusterStack stack;
    private static ParleyProcess pod;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = ClusterStack.get();
        pod = new ParleyProcess(Files.createTempFile("parley-core", ".log"), stack.parleyEnvironment(0)).start();
    }

    @AfterAll
    static void stop() {
        pod.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void pointRestAtThePod() {
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = pod.port();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ChatClient::close);
        clients.clear();
        RestAssured.reset();
    }

    private ChatClient connect(User user) {
        ChatClient client = ChatClient.withTicket(pod.wsUri(), Api.ticket(user)); // as browsers do
        clients.add(client);
        return client;
    }

    @Test
    void aClientThatWasAwayCatchesUpFromItsCursor() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient annSocket = connect(ann);
        for (int i = 1; i <= 3; i++) {
            assertThat(annSocket.sendMessage(channel, "c" + i, "message " + i).get("seq").asLong()).isEqualTo(i);
        }

        ChatClient bobSocket = connect(bob);
        bobSocket.send(Map.of("type", "sync", "cursors", Map.of(channel, 1)));
        bobSocket.awaitType("synced");
        assertThat(bobSocket.all(f -> "message".equals(ChatClient.type(f)))).extracting(f -> f.get("seq").asLong())
                .containsExactly(2L, 3L);
    }

    /** Issue 14's frames and fields, where native serialization could drop them: edits, reactions, replies, sync. */
    @Test
    void changesReactionsAndRepliesGoLiveAndBySync() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient a = connect(ann);
        a.sendMessage(channel, "o1", "original");
        a.send(Map.of("type", "send", "channelId", channel, "clientMsgId", "o2", "text", "a reply", "replyToSeq", 1));
        assertThat(a.await(f -> "message".equals(ChatClient.type(f)) && f.path("seq").asLong() == 2)
                .path("replyTo").path("preview").asText()).isEqualTo("original");
        a.send(Map.of("type", "edit", "channelId", channel, "seq", 1, "text", "original, edited", "ref", "e1"));
        assertThat(a.await(f -> "changeAck".equals(ChatClient.type(f))).path("changeSeq").asLong()).isEqualTo(1);
        a.send(Map.of("type", "react", "channelId", channel, "seq", 2, "emoji", "\uD83C\uDF89", "ref", "e2"));
        assertThat(a.await(f -> "changed".equals(ChatClient.type(f)) && f.path("changeSeq").asLong() == 2)
                .path("reactions").get(0).path("userIds").get(0).asText()).isEqualTo(ann.id());

        ChatClient b = connect(bob);
        b.send(Map.of("type", "sync", "cursors", Map.of(channel, 0), "changeCursors", Map.of(channel, 0)));
        JsonNode synced = b.awaitType("synced");
        assertThat(synced.path("changeCursors").path(channel).asLong()).isEqualTo(2);
        assertThat(b.all(f -> "changed".equals(ChatClient.type(f)))).extracting(f -> f.path("seq").asLong())
                .containsExactly(1L, 2L);
        assertThat(Api.history(bob, channel, "").getString("messages[1].replyTo.preview")).isEqualTo("original, edited");
    }

    /**
     * Through S3 (s3rver) and the image code. The native executable has no AWT: it measures the image from its header
     * but makes no thumbnail (docs/architecture.md, "Attachments"); the jar does both.
     */
    @Test
    void anImageIsUploadedThumbnailedSentAndReadBack() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        byte[] png = Uploads.png(400, 200);
        var done = Uploads.upload(ann, channel, "wide.png", "image/png", png);
        assertThat(done.getInt("width")).isEqualTo(400);
        assertThat(done.getInt("height")).isEqualTo(200);
        boolean thumbnailed = !ParleyProcess.isNative();
        assertThat(done.getMap("")).extractingByKey("thumbnail").isEqualTo(thumbnailed ? Boolean.TRUE : null);
        ChatClient a = connect(ann);
        String id = done.getString("id");
        a.send(Map.of("type", "send", "channelId", channel, "clientMsgId", "img-1", "text", "", "attachmentIds", List.of(id)));
        assertThat(a.awaitType("ack").path("seq").asLong()).isEqualTo(1);
        var read = bob.as().get("/api/v1/attachments/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(Uploads.get(java.net.URI.create(read.getString("url"))).body()).isEqualTo(png);
        if (thumbnailed) {
            assertThat(Uploads.dimensions(Uploads.get(java.net.URI.create(read.getString("thumbnailUrl"))).body()))
                    .containsExactly(320, 160);
        } else {
            assertThat(read.getString("thumbnailUrl")).isNull();
        }
        assertThat(Api.history(bob, channel, "").getString("messages[0].attachments[0].name")).isEqualTo("wide.png");
    }

    @Test
    void theLargestMessageIsStoredWholeAndOneCharacterMoreIsRefused() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        ChatClient annSocket = connect(ann);
        String largest = "\uD83D\uDE00".repeat(100_000); // 100,000 code points, each outside the BMP

        assertThat(annSocket.sendMessage(channel, "max", largest).get("type").asText()).isEqualTo("ack");
        JsonNode refused = annSocket.sendMessage(channel, "over", largest + "a");
        assertThat(refused.get("code").asText()).isEqualTo("too_large");
        assertThat(Api.wholeHistory(bob, channel)).singleElement()
                .satisfies(message -> assertThat(message.get("text")).isEqualTo(largest));
    }

    @Test
    void anOfflineMemberIsPushedThroughSns() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channel = Api.direct(ann, bob);
        String token = "apns-core-" + bob.id();
        bob.as().body(Map.of("platform", "apns", "token", token)).post("/api/v1/devices").then().statusCode(201);

        connect(ann).sendMessage(channel, "push-1", "are you there?");
        FakeSns sns = stack.sns();
        Waits.until(() -> sns.endpointOfToken(token) != null && sns.calls("Publish").stream()
                .anyMatch(call -> sns.endpointOfToken(token).arn.equals(call.params().get("TargetArn"))
                        && call.params().get("Message").contains("are you there?")), "a push to bob's device");
    }
}
