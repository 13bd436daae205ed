package dev.parley.gateway;

import static dev.parley.support.Uploads.slot;
import static dev.parley.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import dev.parley.support.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Attachments (issue 14): an upload slot, the bytes straight to storage through its signed URL, completion (checked,
 * images measured and thumbnailed), a message carrying it live, in history and by sync, downloads for members only,
 * and a deletion that takes the bytes away. In embedded mode the storage is Parley's own folder; the cluster twin
 * runs the same on S3 (s3rver).
 */
@QuarkusTest
public class AttachmentsTest extends SocketTest {

    private static JsonNode sendWith(ChatClient client, String channel, String clientMsgId, String text,
            List<String> attachmentIds) {
        Map<String, Object> frame = new HashMap<>(Map.of("type", "send", "channelId", channel, "clientMsgId", clientMsgId,
                "attachmentIds", attachmentIds));
        if (text != null) {
            frame.put("text", text);
        }
        client.send(frame);
        return client.awaitAnswerTo(clientMsgId);
    }

    @Test
    void anImageGoesToEveryMemberLiveInHistoryAndBySyncWithItsThumbnail() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String group = Api.group(ann, "Photos", bob);
        ChatClient a = connect(ann);
        ChatClient b = connect(bob);
        byte[] png = Uploads.png(640, 480);

        JsonPath done = upload(ann, group, "beach.png", "image/png", png);
        String id = done.getString("id");
        assertThat(done.getInt("width")).isEqualTo(640);
        assertThat(done.getInt("height")).isEqualTo(480);
        assertThat(done.getBoolean("thumbnail")).isTrue();
        assertThat(done.getLong("size")).isEqualTo(png.length);

        // no text: a message of an attachment alone
        JsonNode ack = sendWith(a, group, "photo-1", null, List.of(id));
        assertThat(ack.path("type").asText()).isEqualTo("ack");
        JsonNode live = b.await(f -> "message".equals(ChatClient.type(f)) && f.path("seq").asLong() == ack.path("seq").asLong());
        assertThat(live.path("text").asText()).isEmpty();
        JsonNode carried = live.path("attachments").get(0);
        assertThat(carried.path("id").asText()).isEqualTo(id);
        assertThat(carried.path("name").asText()).isEqualTo("beach.png");
        assertThat(carried.path("contentType").asText()).isEqualTo("image/png");
        assertThat(carried.path("size").asLong()).isEqualTo(png.length);
        assertThat(carried.path("width").asInt()).isEqualTo(640);

        assertThat(Api.history(bob, group, "").getString("messages[0].attachments[0].id")).isEqualTo(id);
        ChatClient later = connect(bob);
        later.send(Map.of("type", "sync", "cursors", Map.of(group, 0)));
        later.awaitType("synced");
        assertThat(later.await(f -> "message".equals(ChatClient.type(f))).path("attachments").get(0).path("height").asInt())
                .isEqualTo(480);

        JsonPath read = bob.as().get("/api/v1/attachments/" + id).then().statusCode(200).extract().jsonPath();
        HttpResponse<byte[]> original = Uploads.get(URI.create(read.getString("url")));
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(png);
        assertThat(original.headers().firstValue("Content-Type")).contains("image/png");
        HttpResponse<byte[]> thumbnail = Uploads.get(URI.create(read.getString("thumbnailUrl")));
        assertThat(thumbnail.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(Uploads.dimensions(thumbnail.body())).containsExactly(320, 240);

        String redirect = bob.as().redirects().follow(false).get("/api/v1/attachments/" + id + "/content").then()
                .statusCode(302).extract().header("Location");
        assertThat(Uploads.get(URI.create(redirect)).body()).isEqualTo(png);
    }

    /** Only the header is read to measure: a huge image gets its dimensions, and no thumbnail (never decoded). */
    @Test
    void anImageOfTooManyPixelsIsMeasuredButNotDecoded() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String direct = Api.direct(ann, bob);
        byte[] png = Uploads.png(8, 8);
        java.nio.ByteBuffer.wrap(png, 16, 8).putInt(10_000).putInt(5_000); // IHDR claims 10,000 x 5,000 (50 MP)
        JsonPath done = upload(ann, direct, "huge.png", "image/png", png);
        assertThat(done.getInt("width")).isEqualTo(10_000);
        assertThat(done.getInt("height")).isEqualTo(5_000);
        assertThat(done.getMap("")).doesNotContainKey("thumbnail");
    }

    @Test
    void aFileThatIsNoImageTravelsWithTextAndNoThumbnail() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String direct = Api.direct(ann, bob);
        ChatClient a = connect(ann);
        byte[] pdf = "%PDF-1.4 not really a pdf".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String id = upload(ann, direct, "minutes.pdf", "application/pdf", pdf).getString("id");
        assertThat(sendWith(a, direct, "doc-1", "the minutes", List.of(id)).path("type").asText()).isEqualTo("ack");

        JsonPath history = Api.history(bob, direct, "");
        assertThat(history.getString("messages[0].text")).isEqualTo("the minutes");
        assertThat(history.getMap("messages[0].attachments[0]")).doesNotContainKeys("width", "height", "thumbnail");
        JsonPath read = bob.as().get("/api/v1/attachments/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("thumbnailUrl")).isNull();
        HttpResponse<byte[]> file = Uploads.get(URI.create(read.getString("url")));
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment").contains("minutes.pdf"));
        bob.as().get("/api/v1/attachments/" + id + "/thumbnail").then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("attachment_not_found"));
    }

    @Test
    void slotsAndUploadsAreRefusedWithStableCodes() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User eve = Api.newUser("eve");
        String direct = Api.direct(ann, bob);
        String path = "/api/v1/channels/" + direct + "/attachments";

        eve.as().body(Map.of("name", "x.png", "contentType", "image/png", "size", 10)).post(path).then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("not_member"));
        ann.as().body(Map.of("name", "x.exe", "contentType", "application/x-msdownload", "size", 10)).post(path).then()
                .statusCode(415).body("code", org.hamcrest.Matchers.equalTo("unsupported_media_type"));
        ann.as().body(Map.of("name", "huge.zip", "contentType", "application/zip", "size", 26_214_401L)).post(path).then()
                .statusCode(413).body("code", org.hamcrest.Matchers.equalTo("too_large"));
        ann.as().body(Map.of("name", "../etc/passwd", "contentType", "text/plain", "size", 10)).post(path).then()
                .statusCode(400).body("code", org.hamcrest.Matchers.equalTo("bad_request"));
        ann.as().body(Map.of("name", "empty.txt", "contentType", "text/plain", "size", 0)).post(path).then()
                .statusCode(400).body("code", org.hamcrest.Matchers.equalTo("bad_request"));

        String pending = slot(ann, direct, "later.txt", "Text/Plain; charset=utf-8", 5).getString("attachment.id");
        ann.as().post("/api/v1/attachments/" + pending + "/complete").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("upload_missing"));
        bob.as().post("/api/v1/attachments/" + pending + "/complete").then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("attachment_not_found"));
        bob.as().get("/api/v1/attachments/" + pending).then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("attachment_not_found"));
    }

    @Test
    void aMessageCarriesOnlyTheSendersReadyAttachmentsOfItsChannelAndOnlyMembersReadThem() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        User eve = Api.newUser("eve");
        String direct = Api.direct(ann, bob);
        String other = Api.direct(ann, eve);
        ChatClient a = connect(ann);
        ChatClient b = connect(bob);
        String bobs = upload(bob, direct, "bob.txt", "text/plain", "bob".getBytes()).getString("id");
        String elsewhere = upload(ann, other, "eve.txt", "text/plain", "eve".getBytes()).getString("id");
        String pending = slot(ann, direct, "later.txt", "text/plain", 5).getString("attachment.id");

        assertThat(sendWith(a, direct, "m1", "hi", List.of(bobs)).path("code").asText()).isEqualTo("attachment_not_found");
        assertThat(sendWith(a, direct, "m2", "hi", List.of(elsewhere)).path("code").asText()).isEqualTo("attachment_not_found");
        assertThat(sendWith(a, direct, "m3", "hi", List.of("no-such-id")).path("code").asText()).isEqualTo("attachment_not_found");
        assertThat(sendWith(a, direct, "m4", "hi", List.of(pending)).path("code").asText()).isEqualTo("attachment_not_ready");
        assertThat(sendWith(a, direct, "m5", "hi", java.util.stream.IntStream.range(0, 11).mapToObj(i -> "id-" + i).toList())
                .path("code").asText()).isEqualTo("too_many_ids");
        a.send(Map.of("type", "send", "channelId", direct, "clientMsgId", "m6", "attachmentIds", "not-a-list"));
        assertThat(a.await(f -> "error".equals(ChatClient.type(f)) && "m6".equals(f.path("ref").asText())).path("code")
                .asText()).isEqualTo("bad_request");
        a.send(Map.of("type", "send", "channelId", direct, "clientMsgId", "m7"));
        assertThat(a.await(f -> "error".equals(ChatClient.type(f)) && "m7".equals(f.path("ref").asText())).path("code")
                .asText()).isEqualTo("bad_request"); // no text and no attachment
        assertThat(Api.history(bob, direct, "").getList("messages")).isEmpty();

        assertThat(sendWith(b, direct, "b1", "mine", List.of(bobs)).path("type").asText()).isEqualTo("ack");
        ann.as().get("/api/v1/attachments/" + bobs).then().statusCode(200);
        eve.as().get("/api/v1/attachments/" + bobs).then().statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("not_member"));
        eve.as().redirects().follow(false).get("/api/v1/attachments/" + bobs + "/content").then().statusCode(403);

        // a resend with the same clientMsgId is the same message, attachments and all
        JsonNode first = sendWith(b, direct, "b2", "again", List.of(bobs));
        assertThat(sendWith(b, direct, "b2", "again", List.of(bobs)).path("seq").asLong())
                .isEqualTo(first.path("seq").asLong());
    }

    @Test
    void deletingAMessageTakesItsFilesAwayForEveryDeviceAndFromStorage() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String group = Api.group(ann, "Oops", bob);
        ChatClient a = connect(ann);
        ChatClient b = connect(bob);
        String id = upload(ann, group, "oops.png", "image/png", Uploads.png(64, 64)).getString("id");
        long seq = sendWith(a, group, "o1", "wrong photo", List.of(id)).path("seq").asLong();
        JsonPath read = bob.as().get("/api/v1/attachments/" + id).then().statusCode(200).extract().jsonPath();
        URI url = URI.create(read.getString("url"));
        URI thumbnail = URI.create(read.getString("thumbnailUrl"));
        assertThat(Uploads.get(url).statusCode()).isEqualTo(200);

        ann.as().delete("/api/v1/channels/" + group + "/messages/" + seq).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("attachments")));
        JsonNode changed = b.await(f -> "changed".equals(ChatClient.type(f)) && f.path("seq").asLong() == seq);
        assertThat(changed.has("attachments")).isFalse();
        assertThat(Api.history(bob, group, "").getMap("messages[0]")).doesNotContainKey("attachments");

        bob.as().get("/api/v1/attachments/" + id).then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("attachment_not_found"));
        // URLs handed out before the deletion find nothing: the bytes are gone from storage
        assertThat(Uploads.get(url).statusCode()).isEqualTo(404);
        assertThat(Uploads.get(thumbnail).statusCode()).isEqualTo(404);
        // and a deleted message's attachment cannot be sent again
        assertThat(sendWith(a, group, "o2", "again", List.of(id)).path("code").asText()).isEqualTo("attachment_not_found");
    }
}
