package dev.parley.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client that behaves as docs/protocol.md tells one to, for fault tests: it keeps every message by channel and
 * seq (a repeat is dropped), syncs from its cursors on a seq gap and after every reconnect, reconnects with backoff to
 * whichever instance the test offers next, keeps every send until it is acked and resends it with the same
 * clientMsgId (after a reconnect, an error, or 2 s without an answer), and syncs again a second after a sync is
 * refused or fails (an error frame without a ref). It counts what a test compares afterwards.
 */
public final class ProtocolClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The error codes docs/protocol.md says to retry later: the same frame again, a send with its clientMsgId. */
    public static final java.util.Set<String> RETRYABLE = java.util.Set.of("rate_limited", "internal_error", "overloaded");
    private static final long RESEND_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final ScheduledExecutorService TIMERS = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "protocol-client");
        thread.setDaemon(true);
        return thread;
    });

    /** A send the client keeps until it is acked. */
    private record Pending(String channelId, String text, long lastSentNanos) {
    }

    /** What the server acked: where the message is. */
    public record Acked(String channelId, long seq, String id) {
    }

    private final String userId;
    private final String token;
    private final Supplier<URI> nextInstance;
    private final Map<String, TreeSet<Long>> held = new HashMap<>();
    private final Map<String, Pending> unacked = new LinkedHashMap<>();
    private final Map<String, Acked> acked = new HashMap<>();
    private final Map<String, String> refused = new HashMap<>();
    private WebSocket socket;
    private int reconnects;
    private boolean closed;
    /** What ended this client's sockets (close code, -1 for a failure without one) and error frames without a ref. */
    private final Map<Integer, Integer> closeCodes = new java.util.TreeMap<>();
    private final Map<String, Integer> unreferencedErrors = new java.util.TreeMap<>();

    /** channels: those it syncs (cursor 0 to start); nextInstance: where to (re)connect, asked each time. */
    public ProtocolClient(String userId, String token, List<String> channels, Supplier<URI> nextInstance) {
        this.userId = userId;
        this.token = token;
        this.nextInstance = nextInstance;
        channels.forEach(channel -> held.put(channel, new TreeSet<>()));
        connect(Duration.ZERO);
        TIMERS.scheduleWithFixedDelay(this::resendOverdue, 1, 1, TimeUnit.SECONDS);
        TIMERS.scheduleWithFixedDelay(this::ping, 1, 1, TimeUnit.SECONDS);
    }

    public String userId() {
        return userId;
    }

    public synchronized void send(String channelId, String clientMsgId, String text) {
        unacked.put(clientMsgId, new Pending(channelId, text, System.nanoTime()));
        write(Map.of("type", "send", "channelId", channelId, "clientMsgId", clientMsgId, "text", text));
    }

    public synchronized int unackedCount() {
        return unacked.size();
    }

    /** Sends the server refused for good (clientMsgId → error code). */
    public synchronized Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    public synchronized Map<String, Acked> acked() {
        return Map.copyOf(acked);
    }

    public synchronized TreeSet<Long> held(String channelId) {
        return new TreeSet<>(held.getOrDefault(channelId, new TreeSet<>()));
    }

    public synchronized int reconnects() {
        return reconnects;
    }

    /** How this client's sockets ended: close code (-1: failed without one) → how many times. */
    public synchronized Map<Integer, Integer> closeCodes() {
        return Map.copyOf(closeCodes);
    }

    /** For a failure message: how this client's sockets ended and which errors it got that named no frame. */
    public synchronized String history() {
        return "reconnects " + reconnects + ", close codes " + closeCodes + ", errors without a ref "
                + unreferencedErrors + (connected() ? ", connected" : ", not connected");
    }

    public synchronized boolean connected() {
        return socket != null && !socket.isOutputClosed() && !socket.isInputClosed();
    }

    private void connect(Duration after) {
        TIMERS.schedule(() -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            URI uri = nextInstance.get();
            HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new JsonFrames(this::onFrame, (which, code, failure) -> onClosed(which, code)))
                    .whenComplete((opened, failure) -> {
                        if (failure != null) {
                            connect(backoff(after));
                            return;
                        }
                        onOpen(opened);
                    });
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Duration backoff(Duration previous) {
        Duration next = previous.isZero() ? Duration.ofMillis(100) : previous.multipliedBy(2);
        return next.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : next;
    }

    private synchronized void onOpen(WebSocket opened) {
        if (closed) {
            opened.abort();
            return;
        }
        socket = opened;
        syncAll();
        unacked.forEach((clientMsgId, pending) -> resend(clientMsgId, pending));
    }

    private synchronized void syncAgain() {
        if (connected()) {
            syncAll();
        }
    }

    /** Cursors: the last seq held with none missing below it, so a hole is filled too. */
    private void syncAll() {
        Map<String, Long> cursors = new HashMap<>();
        held.forEach((channel, seqs) -> cursors.put(channel, contiguous(seqs)));
        write(Map.of("type", "sync", "cursors", cursors));
    }

    private static long contiguous(TreeSet<Long> seqs) {
        long last = 0;
        for (long seq : seqs) {
            if (seq != last + 1) {
                break;
            }
            last = seq;
        }
        return last;
    }

    private void resend(String clientMsgId, Pending pending) {
        unacked.put(clientMsgId, new Pending(pending.channelId(), pending.text(), System.nanoTime()));
        write(Map.of("type", "send", "channelId", pending.channelId(), "clientMsgId", clientMsgId, "text", pending.text()));
    }

    private synchronized void resendOverdue() {
        long now = System.nanoTime();
        Map.copyOf(unacked).forEach((clientMsgId, pending) -> {
            if (now - pending.lastSentNanos() > RESEND_AFTER_NANOS) {
                resend(clientMsgId, pending);
            }
        });
    }

    private synchronized void ping() {
        if (connected()) {
            socket.sendPing(ByteBuffer.allocate(0));
        }
    }

    /** Frames are written one at a time: the JDK's WebSocket takes the next once the previous is out. */
    private CompletableFuture<?> writing = CompletableFuture.completedFuture(null);

    private void write(Map<String, ?> frame) {
        if (socket == null || socket.isOutputClosed()) {
            return; // sent again after the reconnect
        }
        WebSocket target = socket;
        String text;
        try {
            text = JSON.writeValueAsString(frame);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        writing = writing.handle((ignored, failure) -> null)
                .thenCompose(ignored -> target.sendText(text, true)).exceptionally(failure -> null);
    }

    private synchronized void onFrame(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "message" -> onMessage(frame);
            case "ack" -> {
                String clientMsgId = frame.path("clientMsgId").asText();
                unacked.remove(clientMsgId);
                acked.put(clientMsgId, new Acked(frame.path("channelId").asText(), frame.path("seq").asLong(),
                        frame.path("id").asText()));
            }
            case "error" -> {
                // rate_limited, internal_error, overloaded: the send stays and goes again when overdue. Anything
                // else refuses the send for good: a client gives up on it (and a test counts it).
                String code = frame.path("code").asText();
                String ref = frame.path("ref").asText(null);
                if (ref == null) {
                    unreferencedErrors.merge(code, 1, Integer::sum);
                    if (RETRYABLE.contains(code)) { // this client's only frames without a ref are syncs: ask again
                        TIMERS.schedule(this::syncAgain, 1, TimeUnit.SECONDS);
                    }
                }
                if (ref != null && !RETRYABLE.contains(code) && unacked.remove(ref) != null) {
                    refused.put(ref, code);
                }
            }
            default -> {
            }
        }
    }

    private void onMessage(JsonNode frame) {
        String channel = frame.path("channelId").asText();
        long seq = frame.path("seq").asLong();
        TreeSet<Long> seqs = held.computeIfAbsent(channel, c -> new TreeSet<>());
        long before = contiguous(seqs);
        seqs.add(seq); // a repeat changes nothing
        if (seq > before + 1 && contiguous(seqs) < seq) {
            write(Map.of("type", "sync", "cursors", Map.of(channel, contiguous(seqs)))); // a gap: fill it
        }
    }

    private synchronized void onClosed(WebSocket which, int code) {
        if (which != socket || closed) {
            return;
        }
        closeCodes.merge(code, 1, Integer::sum);
        socket = null;
        reconnects++;
        connect(Duration.ofMillis(100));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (socket != null) {
            socket.abort();
        }
    }
}
