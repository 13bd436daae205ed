package dev.parley.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One benchmark connection, on Vert.x's WebSocket client (Netty): far cheaper per frame than the JDK's, so the load
 * generator leaves the machine to the target. Writes from one thread go out in call order; every whole text
 * message goes to the handler on the client's event loop.
 */
final class BenchClient {

    private static final Vertx VERTX = Vertx.vertx();
    private static final WebSocketClient CLIENT = VERTX.createWebSocketClient(new WebSocketClientOptions()
            .setMaxFrameSize(2 << 20).setMaxMessageSize(2 << 20).setConnectTimeout(30_000)
            .setMaxConnections(100_000)); // the default, 50 a server, would queue every connect past the 50th

    /** Sockets the server closed during a run, by close code and reason. */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> SERVER_CLOSES = new java.util.concurrent.ConcurrentHashMap<>();

    private final WebSocket socket;
    private volatile boolean closing;

    private BenchClient(WebSocket socket) {
        this.socket = socket;
    }

    /** The server's closes counted since the last call, as "code reason" to count; clears them. */
    static java.util.Map<String, Long> takeServerCloses() {
        java.util.Map<String, Long> taken = new java.util.TreeMap<>();
        SERVER_CLOSES.forEach((why, n) -> taken.put(why, n.get()));
        SERVER_CLOSES.clear();
        return taken;
    }

    static CompletableFuture<BenchClient> connect(URI uri, String bearerToken, Consumer<String> onFrame) {
        return connect(uri, bearerToken, onFrame, code -> {
        });
    }

    /** The same, telling onServerClose (on the client's event loop) the code of a close the server made. */
    static CompletableFuture<BenchClient> connect(URI uri, String bearerToken, Consumer<String> onFrame,
            java.util.function.IntConsumer onServerClose) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        if (bearerToken != null) {
            options.addHeader("Authorization", "Bearer " + bearerToken);
        }
        return CLIENT.connect(options).map(socket -> {
            BenchClient client = new BenchClient(socket);
            socket.textMessageHandler(onFrame::accept);
            socket.closeHandler(closed -> {
                if (!client.closing) {
                    SERVER_CLOSES.computeIfAbsent(socket.closeStatusCode() + " " + socket.closeReason(),
                            why -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
                    onServerClose.accept(socket.closeStatusCode() == null ? 1006 : socket.closeStatusCode());
                }
            });
            return client;
        }).toCompletionStage().toCompletableFuture();
    }

    /** Never blocks the caller; frames written by one thread go out in that order. */
    void send(String text) {
        socket.writeTextMessage(text);
    }

    void ping() {
        socket.writePing(Buffer.buffer());
    }

    /** A daemon thread pinging every socket every 5 s (Parley closes silent ones), until interrupted. */
    static Thread pinging(java.util.List<BenchClient> sockets) {
        return pinging(() -> sockets);
    }

    /** The same for sockets that change (a client that reconnects): the current ones each time. */
    static Thread pinging(java.util.function.Supplier<java.util.List<BenchClient>> sockets) {
        Thread pinger = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
                sockets.get().forEach(BenchClient::ping);
            }
        }, "bench-pinger");
        pinger.setDaemon(true);
        pinger.start();
        return pinger;
    }

    void close() {
        closing = true;
        try {
            socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // already gone
        }
    }
}
