package dev.parley.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client for tests (the JDK's), keeping every frame it receives so tests can wait for the frames
 * they expect, with a timeout.
 */
public final class ChatClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    /** Keeps every test client alive the way real clients do: a WebSocket ping each second. */
    private static final java.util.concurrent.ScheduledExecutorService PINGER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "chat-client-pinger");
                thread.setDaemon(true);
                return thread;
            });
    private java.util.concurrent.ScheduledFuture<?> pinging;

    private ChatClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.connectTimeout(TIMEOUT).buildAsync(uri, new JsonFrames(this::received, this::ended)).orTimeout(20, TimeUnit.SECONDS)
                .join();
        this.pinging = PINGER.scheduleAtFixedRate(() -> {
            if (!socket.isOutputClosed()) {
                socket.sendPing(java.nio.ByteBuffer.allocate(0));
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops the keep-alive pings: the client goes silent, as a vanished phone does. */
    public ChatClient silent() {
        pinging.cancel(false);
        return this;
    }

    public static ChatClient withToken(URI wsUri, String token) {
        return new ChatClient(HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token),
                wsUri);
    }

    public static ChatClient withTicket(URI wsUri, String ticket) {
        return new ChatClient(HttpClient.newHttpClient().newWebSocketBuilder(),
                URI.create(wsUri + "?ticket=" + ticket));
    }

    public static ChatClient withTokenAndOrigin(URI wsUri, String token, String origin) {
        return new ChatClient(HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token).header("Origin", origin), wsUri);
    }

    public ChatClient send(Map<String, ?> frame) {
        try {
            return sendRaw(JSON.writeValueAsString(frame));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public ChatClient sendRaw(String text) {
        socket.sendText(text, true).orTimeout(20, TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends a message and waits for its ack. */
    public JsonNode sendMessage(String channelId, String clientMsgId, String text) {
        send(Map.of("type", "send", "channelId", channelId, "clientMsgId", clientMsgId, "text", text));
        return await(f -> ("ack".equals(type(f)) || "error".equals(type(f)))
                && clientMsgId.equals(f.path(f.has("ref") ? "ref" : "clientMsgId").asText()));
    }

    /**
     * Round-trips a ping: every frame the server queued for this connection before it handled the ping has arrived
     * once the pong is here.
     */
    public void barrier() {
        int before = count(f -> "pong".equals(type(f)));
        send(Map.of("type", "ping"));
        Waits.until(() -> count(f -> "pong".equals(type(f))) > before, "pong");
    }

    public JsonNode await(Predicate<JsonNode> match) {
        return Waits.until(() -> first(match), "a frame matching the test's condition; got " + snapshot());
    }

    /** The answer to a send: its ack, or the error frame that refused it (matched by clientMsgId). */
    public JsonNode awaitAnswerTo(String clientMsgId) {
        return await(f -> ("ack".equals(type(f)) && clientMsgId.equals(f.path("clientMsgId").asText()))
                || ("error".equals(type(f)) && clientMsgId.equals(f.path("ref").asText())));
    }

    public JsonNode awaitType(String type) {
        return await(f -> type.equals(type(f)));
    }

    public List<JsonNode> awaitCount(Predicate<JsonNode> match, int count) {
        Waits.until(() -> count(match) >= count, count + " matching frames; got " + count(match));
        return all(match);
    }

    public synchronized List<JsonNode> all(Predicate<JsonNode> match) {
        return frames.stream().filter(match).toList();
    }

    public synchronized int count(Predicate<JsonNode> match) {
        return (int) frames.stream().filter(match).count();
    }

    public synchronized List<JsonNode> snapshot() {
        return List.copyOf(frames);
    }

    public synchronized void clear() {
        frames.clear();
    }

    private synchronized JsonNode first(Predicate<JsonNode> match) {
        return frames.stream().filter(match).findFirst().orElse(null);
    }

    public boolean isOpen() {
        return !socket.isOutputClosed() && !closed.isDone();
    }

    /** Completes with the close code when the socket ends (as the server or this client closed it). */
    public CompletableFuture<Integer> closing() {
        return closed;
    }

    public Integer awaitClosed() {
        return closed.orTimeout(20, TimeUnit.SECONDS).join();
    }

    private synchronized void received(JsonNode frame) {
        frames.add(frame);
    }

    private void ended(WebSocket which, int code, Throwable failure) {
        if (failure == null) {
            closed.complete(code);
        } else {
            closed.completeExceptionally(failure);
        }
    }

    public static String type(JsonNode frame) {
        return frame.path("type").asText();
    }

    @Override
    public void close() {
        pinging.cancel(false);
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }
}
