package dev.parley.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.Api.User;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12, item 2: log-out. A stolen token used to work for its whole life and its sockets forever. Now
 * {@code DELETE /sessions/current} revokes the token (REST, tickets and upgrades refuse it with 401) and closes that
 * session's sockets with 4001; the same user's other session (another device) is untouched.
 */
@QuarkusTest
public class LogOutTest extends SocketTest {

    @Test
    void loggingOutEndsThatSessionEverywhereAndLeavesTheUsersOtherSessionAlone() {
        User ann = Api.newUser("ann");
        User bob = Api.newUser("bob");
        String channelId = Api.direct(bob, ann);
        User annPhone = Api.anotherSession(ann);
        String ticketIssuedBefore = Api.ticket(ann);
        ChatClient withToken = connect(ann);
        ChatClient withTicket = track(ChatClient.withTicket(wsUri(), Api.ticket(ann)));
        ChatClient phone = connect(annPhone);
        withToken.barrier();
        withTicket.barrier();

        ann.as().delete("/api/v1/sessions/current").then().statusCode(204);

        assertThat(withToken.awaitClosed()).isEqualTo(4001);
        assertThat(withTicket.awaitClosed()).isEqualTo(4001);
        ann.as().get("/api/v1/channels").then().statusCode(401);
        ann.as().post("/api/v1/ws-tickets").then().statusCode(401);
        assertThat(handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + ann.token()), wsUri())).as("a bearer upgrade").isEqualTo(401);
        assertThat(handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder(),
                URI.create(wsUri() + "?ticket=" + ticketIssuedBefore))).as("a ticket issued before").isEqualTo(401);

        // The other device's session is unaffected: its socket still sends and receives, its token still works.
        assertThat(phone.isOpen()).isTrue();
        assertThat(phone.sendMessage(channelId, "after-log-out", "still here").get("type").asText()).isEqualTo("ack");
        annPhone.as().get("/api/v1/channels").then().statusCode(200);
        annPhone.as().delete("/api/v1/sessions/current").then().statusCode(204);
        assertThat(phone.awaitClosed()).isEqualTo(4001);
    }

    @Test
    void logOutNeedsASession() {
        given().delete("/api/v1/sessions/current").then().statusCode(401);
    }
}
