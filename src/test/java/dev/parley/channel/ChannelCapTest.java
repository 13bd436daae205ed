package dev.parley.channel;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.LimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 12, item 4: 10,000 groups made a victim's channel list and badge queries crawl. Now a user is in at most
 * {@code parley.channels.max-per-user} channels (3 under this profile): creating, opening or joining one more is
 * refused with 422 too_many_channels, naming who is full; users with room are unaffected.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
public class ChannelCapTest {

    @Test
    void aUserInAsManyChannelsAsAllowedCannotBePulledIntoMoreButOthersStillCanChat() {
        User ann = Api.newUser("ann", "10.20.0.1");
        User bob = Api.newUser("bob", "10.20.0.2");
        User cat = Api.newUser("cat", "10.20.0.3");
        User dan = Api.newUser("dan", "10.20.0.4");
        Api.direct(ann, bob);
        String first = Api.group(ann, "one");
        Api.group(cat, "two", ann);

        ann.as().body(Map.of("type", "group", "name", "four", "memberIds", List.of())).post("/api/v1/channels").then()
                .statusCode(422).body("code", equalTo("too_many_channels"));
        bob.as().body(Map.of("type", "group", "name", "trap", "memberIds", List.of(ann.id(), cat.id())))
                .post("/api/v1/channels").then().statusCode(422).body("detail", containsString(ann.id()));
        dan.as().body(Map.of("type", "direct", "memberIds", List.of(ann.id()))).post("/api/v1/channels").then()
                .statusCode(422).body("code", equalTo("too_many_channels"));
        String bobs = Api.group(bob, "bob's", cat);
        bob.as().body(Map.of("userId", ann.id())).post("/api/v1/channels/" + bobs + "/members").then().statusCode(422);

        // Ann makes room by leaving one; then she can be added again.
        ann.as().delete("/api/v1/channels/" + first + "/members/" + ann.id()).then().statusCode(204);
        bob.as().body(Map.of("userId", ann.id())).post("/api/v1/channels/" + bobs + "/members").then().statusCode(200);
        Api.direct(dan, cat);
    }
}
