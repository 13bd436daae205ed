package dev.parley.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** REST calls the tests make again and again: sign-up, log-in, channels. */
public final class Api {

    public record User(String id, String username, String token) {
        public RequestSpecification as() {
            return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
        }
    }

    private Api() {
    }

    /** A fresh user with a unique name (tests share one database, so names never repeat). */
    public static User newUser(String prefix) {
        return newUser(prefix, "127.0.0.1");
    }

    /**
     * The same, signed up and logged in from the given client address (as the load balancer's X-Forwarded-For says):
     * tests under {@link LimitsProfile}, whose per-address budgets are small, spread their users over addresses.
     */
    public static User newUser(String prefix, String clientAddress) {
        String username = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        String id = given().contentType(ContentType.JSON).header("X-Forwarded-For", clientAddress)
                .body(Map.of("username", username, "password", "correct horse", "displayName", prefix))
                .post("/api/v1/accounts").then().statusCode(201).extract().path("id");
        String token = given().contentType(ContentType.JSON).header("X-Forwarded-For", clientAddress)
                .body(Map.of("username", username, "password", "correct horse"))
                .post("/api/v1/sessions").then().statusCode(200).extract().path("token");
        return new User(id, username, token);
    }

    /** The same user logged in again: another session (another device), with a token of its own. */
    public static User anotherSession(User user) {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", user.username(), "password", "correct horse"))
                .post("/api/v1/sessions").then().statusCode(200).extract().path("token");
        return new User(user.id(), user.username(), token);
    }

    public static String direct(User caller, User other) {
        return caller.as().body(Map.of("type", "direct", "memberIds", List.of(other.id())))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
    }

    public static String group(User owner, String name, User... members) {
        List<String> ids = java.util.Arrays.stream(members).map(User::id).toList();
        return owner.as().body(Map.of("type", "group", "name", name, "memberIds", ids))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
    }

    public static String ticket(User user) {
        return user.as().post("/api/v1/ws-tickets").then().statusCode(201).extract().path("ticket");
    }

    /** Every message of the channel, paging forward 200 at a time. */
    public static List<Map<String, Object>> wholeHistory(User user, String channelId) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            JsonPath page = history(user, channelId, "?afterSeq=" + after + "&limit=200");
            List<Map<String, Object>> messages = page.getList("messages");
            all.addAll(messages);
            if (!page.getBoolean("hasMore") || messages.isEmpty()) {
                return all;
            }
            after = ((Number) messages.get(messages.size() - 1).get("seq")).longValue();
        }
    }

    public static JsonPath history(User user, String channelId, String query) {
        return user.as().get("/api/v1/channels/" + channelId + "/messages" + query).then().statusCode(200).extract()
                .jsonPath();
    }
}
