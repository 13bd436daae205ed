package dev.parley.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;

import io.quarkus.test.common.http.TestHTTPResource;

/** Base of tests that talk to the running server over real sockets; closes every client after each test. */
public abstract class SocketTest {

    @TestHTTPResource("/api/v1/ws")
    URI httpUri;

    private final List<ChatClient> clients = new ArrayList<>();

    protected URI wsUri() {
        return URI.create(httpUri.toString().replaceFirst("^http", "ws"));
    }

    protected ChatClient connect(Api.User user) {
        return track(ChatClient.withToken(wsUri(), user.token()));
    }

    protected ChatClient track(ChatClient client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ChatClient::close);
        clients.clear();
    }

    /** The HTTP status an upgrade is refused with (fails the test when the upgrade succeeds). */
    protected static int handshakeStatus(WebSocket.Builder builder, URI uri) {
        Throwable failure = catchThrowable(() -> builder.buildAsync(uri, new WebSocket.Listener() {
        }).orTimeout(20, TimeUnit.SECONDS).join());
        assertThat(failure).as("the upgrade must be refused").isInstanceOf(CompletionException.class);
        assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }
}
