package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One benchmark connection (the JDK's WebSocket client): sends are queued and written one after another (the JDK
 * client allows one outstanding send), every whole text frame goes to the handler on the client's own thread.
 */
final class BenchClient {

    private final WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private BenchClient(WebSocket socket) {
        this.socket = socket;
    }

    static CompletableFuture<BenchClient> connect(HttpClient http, URI uri, String bearerToken, Consumer<String> onFrame) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return builder.buildAsync(uri, new Listener(onFrame)).thenApply(BenchClient::new);
    }

    /** Queues a text frame behind the ones before it; never blocks the caller. */
    synchronized void send(String text) {
        lastSend = lastSend.handle((ok, failure) -> null).thenCompose(ignored -> socket.sendText(text, true));
    }

    void ping() {
        synchronized (this) {
            lastSend = lastSend.handle((ok, failure) -> null).thenCompose(ignored -> socket.sendPing(ByteBuffer.allocate(0)));
        }
    }

    void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            socket.abort();
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final Consumer<String> onFrame;
        private final StringBuilder partial = new StringBuilder();

        Listener(Consumer<String> onFrame) {
            this.onFrame = onFrame;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last && partial.isEmpty()) {
                onFrame.accept(data.toString());
            } else {
                partial.append(data);
                if (last) {
                    onFrame.accept(partial.toString());
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
