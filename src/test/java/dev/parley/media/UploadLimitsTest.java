package dev.parley.media;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.LimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Upload slots cost rows and storage: one user asks for at most {@code parley.media.upload-burst} (3 under this
 * profile) before being refused with 429 rate_limited and a Retry-After; another user is unaffected.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
public class UploadLimitsTest {

    private static int slot(User user, String channel) {
        return user.as().body(Map.of("name", "a.txt", "contentType", "text/plain", "size", 1))
                .post("/api/v1/channels/" + channel + "/attachments").then().extract().statusCode();
    }

    @Test
    void aUserAsksForABurstOfSlotsThenIsToldToWait() {
        User ann = Api.newUser("ann", "10.30.0.1");
        User bob = Api.newUser("bob", "10.30.0.2");
        String direct = Api.direct(ann, bob);
        for (int i = 0; i < 3; i++) {
            org.assertj.core.api.Assertions.assertThat(slot(ann, direct)).isEqualTo(201);
        }
        ann.as().body(Map.of("name", "a.txt", "contentType", "text/plain", "size", 1))
                .post("/api/v1/channels/" + direct + "/attachments").then().statusCode(429)
                .body("code", equalTo("rate_limited")).header("Retry-After", notNullValue());
        org.assertj.core.api.Assertions.assertThat(slot(bob, direct)).isEqualTo(201);
    }
}
