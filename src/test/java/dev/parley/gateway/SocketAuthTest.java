package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class SocketAuthTest extends SocketTest {

    @Test
    void upgradeWithoutCredentialsIsRefusedWith401() {
        assertThat(handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder(), wsUri())).isEqualTo(401);
        assertThat(handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer not-a-token"), wsUri())).isEqualTo(401);
        assertThat(handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder(),
                URI.create(wsUri() + "?ticket=made-up"))).isEqualTo(401);
    }

    @Test
    void bearerTokenOpensASocket() {
        ChatClient client = connect(Api.newUser("tok"));
        client.barrier();
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aTicketOpensOneSocketOnce() {
        Api.User user = Api.newUser("tix");
        String ticket = Api.ticket(user);
        ChatClient client = track(ChatClient.withTicket(wsUri(), ticket));
        client.barrier();
        assertThat(handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder(),
                URI.create(wsUri() + "?ticket=" + ticket))).isEqualTo(401);
    }

    @Test
    void aForeignOriginIsRefusedWith403AndTheOwnOriginIsNot() {
        Api.User user = Api.newUser("orig");
        assertThat(handshakeStatus(HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + user.token()).header("Origin", "https://evil.example"), wsUri()))
                .isEqualTo(403);
        String ownOrigin = "http://" + wsUri().getHost() + ":" + wsUri().getPort();
        ChatClient sameOrigin = track(ChatClient.withTokenAndOrigin(wsUri(), user.token(), ownOrigin));
        sameOrigin.barrier();
    }
}
