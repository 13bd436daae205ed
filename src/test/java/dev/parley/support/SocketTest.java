package dev.parley.support;

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
}
