package dev.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.ParleyProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The packaged jar in embedded mode, with nothing else installed: chats survive a clean stop and a SIGKILL.
 */
class EmbeddedRestartIT {

    @AfterEach
    void resetRestAssured() {
        RestAssured.reset();
    }

    @Test
    void accountsChannelsMarkersAndHistorySurviveStopsAndCrashes() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-it-data");
        Path log = Files.createTempFile("parley-it", ".log");
        try (ParleyProcess parley = new ParleyProcess(log, Map.of("PARLEY_DATA_DIR", dataDir.toString()))) {
            parley.start();
            useServer(parley);
            User ann = Api.newUser("ann");
            User bob = Api.newUser("bob");
            String channel = Api.direct(ann, bob);
            try (ChatClient a = ChatClient.withToken(parley.wsUri(), ann.token());
                    ChatClient b = ChatClient.withToken(parley.wsUri(), bob.token())) {
                assertThat(a.sendMessage(channel, "before-restart", "안녕 \uD83D\uDC4B").get("seq").asLong()).isEqualTo(1);
                b.send(Map.of("type", "read", "channelId", channel, "seq", 1));
                a.await(f -> "read".equals(ChatClient.type(f)));
            }
            // Both are gone: once the grace period ends each is offline, with a durable lastActiveAt.
            String annLastActive = dev.parley.support.Waits.until(() -> {
                var status = bob.as().get("/api/v1/presence?userIds=" + ann.id()).then().extract().jsonPath();
                return "offline".equals(status.getString("[0].status")) ? status.getString("[0].lastActiveAt") : null;
            }, "ann offline");

            parley.stop();
            parley.start();
            assertEverythingIsThere(ann, bob, channel, 1);
            bob.as().get("/api/v1/presence?userIds=" + ann.id()).then().statusCode(200)
                    .body("[0].status", org.hamcrest.Matchers.equalTo("offline"))
                    .body("[0].lastActiveAt", org.hamcrest.Matchers.equalTo(annLastActive));

            try (ChatClient a = ChatClient.withToken(parley.wsUri(), ann.token())) {
                assertThat(a.sendMessage(channel, "before-crash", "second").get("seq").asLong()).isEqualTo(2);
            }
            parley.kill();
            parley.start();
            assertEverythingIsThere(ann, bob, channel, 2);
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void useServer(ParleyProcess parley) {
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = parley.port();
    }

    private static void assertEverythingIsThere(User ann, User bob, String channel, int messages) {
        // The old token still works: the signing keys live in the data directory too.
        ann.as().get("/api/v1/me").then().statusCode(200);
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("username", bob.username(), "password", "correct horse"))
                .post("/api/v1/sessions").then().statusCode(200);
        bob.as().get("/api/v1/channels/" + channel).then().statusCode(200)
                .body("lastSeq", org.hamcrest.Matchers.equalTo(messages))
                .body("readSeq", org.hamcrest.Matchers.equalTo(1));
        assertThat(Api.history(bob, channel, "").getList("messages.text", String.class).get(0))
                .isEqualTo("안녕 \uD83D\uDC4B");
        assertThat(Api.history(bob, channel, "").getList("messages")).hasSize(messages);
    }
}
