package dev.parley.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
public class AccountResourceTest {

    @Test
    void signUpLogInAndReadOwnAccount() {
        String username = "ada_" + System.nanoTime();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "longenough", "displayName", "Ada Lovelace"))
                .post("/api/v1/accounts")
                .then().statusCode(201)
                .body("username", equalTo(username)).body("displayName", equalTo("Ada Lovelace"))
                .body("id", notNullValue()).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwordHash")))
                .extract().path("id");

        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "longenough"))
                .post("/api/v1/sessions")
                .then().statusCode(200).body("userId", equalTo(id)).body("expiresAt", notNullValue())
                .extract().path("token");

        given().header("Authorization", "Bearer " + token).get("/api/v1/me")
                .then().statusCode(200).body("id", equalTo(id)).body("username", equalTo(username));
        given().header("Authorization", "Bearer " + token).get("/api/v1/users/by-username/" + username)
                .then().statusCode(200).body("id", equalTo(id));
        given().header("Authorization", "Bearer " + token).get("/api/v1/users/by-username/nobody_here_" + System.nanoTime())
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("user_not_found"));
    }

    @Test
    void takenUsernameIsAConflict() {
        Api.User first = Api.newUser("taken");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", first.username(), "password", "another password", "displayName", "Two"))
                .post("/api/v1/accounts")
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409)).body("code", equalTo("username_taken"));
    }

    @Test
    void signUpsRacingForOneUsernameCreateOneAccountAndTheRestAreConflicts() throws Exception {
        String username = "race_" + System.nanoTime();
        int racers = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < racers; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON)
                            .body(Map.of("username", username, "password", "longenough")).post("/api/v1/accounts")
                            .statusCode();
                }));
            }
            java.util.List<Integer> answered = new java.util.ArrayList<>();
            for (var status : statuses) {
                answered.add(status.get(1, java.util.concurrent.TimeUnit.MINUTES));
            }
            org.assertj.core.api.Assertions.assertThat(answered).containsOnly(201, 409);
            org.assertj.core.api.Assertions.assertThat(answered).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidSignUpIsABadRequestNamingTheFields() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "No Spaces!", "password", "short", "displayName", "X"))
                .post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Bad Request")).body("code", equalTo("invalid_request"))
                .body("errors.field", hasItems("username", "password"));
        given().contentType(ContentType.JSON).body(Map.of("username", "ab", "password", "longenough"))
                .post("/api/v1/accounts").then().statusCode(400).body("errors.field", hasItems("username"));
        given().contentType(ContentType.JSON).body("{not json")
                .post("/api/v1/accounts").then().statusCode(400).contentType("application/problem+json");
    }

    /** Issue 12, item 5: names that impersonate (a right-to-left override, a zero-width space, a NUL). */
    @Test
    void aDisplayNameWithControlOrInvisibleCharactersIsABadRequest() {
        for (String name : java.util.List.of("admin\u202Egnp.exe", "ad\u200Bmin", "a\u0000b", "\u2066x\u2069")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("username", "n_" + System.nanoTime(), "password", "longenough", "displayName", name))
                    .post("/api/v1/accounts").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItems("displayName"));
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "z_" + System.nanoTime(), "password", "longenough", "displayName", "Zoë 日本 عربي 😀"))
                .post("/api/v1/accounts").then().statusCode(201).body("displayName", equalTo("Zoë 日本 عربي 😀"));
    }

    @Test
    void wrongCredentialsAreUnauthorized() {
        Api.User user = Api.newUser("cred");
        given().contentType(ContentType.JSON).body(Map.of("username", user.username(), "password", "wrong password"))
                .post("/api/v1/sessions").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("invalid_credentials"));
        given().contentType(ContentType.JSON).body(Map.of("username", "ghost_" + System.nanoTime(), "password", "whatever1"))
                .post("/api/v1/sessions").then().statusCode(401);
    }

    @Test
    void meNeedsAValidToken() {
        given().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Bearer not.a.jwt").get("/api/v1/me").then().statusCode(401);
    }
}
