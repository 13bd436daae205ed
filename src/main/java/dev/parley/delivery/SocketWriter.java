package dev.parley.delivery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.config.ParleyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Every frame to a socket goes through here, so that no socket holds more than
 * {@code parley.messages.max-pending-chars} of frames its client has not read: each frame counts until its write
 * completes (Netty has handed it to the kernel). A frame that would pass the bound is not queued; the connection is
 * closed instead with {@link #TOO_SLOW} (the close frame goes out behind what is queued), and its client recovers by
 * reconnecting and syncing. Writes never wait: a client that stops reading holds no thread.
 */
@ApplicationScoped
public class SocketWriter {

    /** Close code for a connection whose client does not read its frames fast enough. */
    public static final int TOO_SLOW = 4008;

    private static final Logger LOG = Logger.getLogger(SocketWriter.class);
    private static final TypedKey<AtomicLong> PENDING = new TypedKey<>("parley.pendingChars");
    private static final TypedKey<AtomicBoolean> CLOSING = new TypedKey<>("parley.closingTooSlow");

    private final long maxPendingChars;
    private final Counter closedTooSlow;

    SocketWriter(ParleyConfig config, MeterRegistry metrics) {
        this.maxPendingChars = config.messages().maxPendingChars();
        this.closedTooSlow = metrics.counter("parley.ws.closed.too_slow");
    }

    /** Before the connection's first frame. */
    public void track(WebSocketConnection connection) {
        connection.userData().put(PENDING, new AtomicLong());
        connection.userData().put(CLOSING, new AtomicBoolean());
    }

    /** Queues the frame without waiting; frames queued one after another from a thread go out in that order. */
    public void send(WebSocketConnection connection, String text) {
        write(connection, text);
    }

    /** The same for several frames; completes when all are written (or dropped: the connection closed). */
    public CompletableFuture<Void> sendAll(WebSocketConnection connection, List<String> texts) {
        return CompletableFuture.allOf(texts.stream().map(text -> write(connection, text)).toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> write(WebSocketConnection connection, String text) {
        AtomicLong pending = connection.userData().get(PENDING);
        if (pending == null || !connection.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        long chars = text.length();
        if (pending.addAndGet(chars) > maxPendingChars) {
            pending.addAndGet(-chars);
            closeTooSlow(connection, pending.get());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        connection.sendText(text).subscribe().with(ok -> {
            pending.addAndGet(-chars);
            written.complete(null);
        }, failure -> {
            pending.addAndGet(-chars);
            LOG.debugf("Dropped a frame to a closing connection: %s", failure);
            written.complete(null);
        });
        return written;
    }

    private void closeTooSlow(WebSocketConnection connection, long pendingChars) {
        AtomicBoolean closing = connection.userData().get(CLOSING);
        if (closing == null || !closing.compareAndSet(false, true)) {
            return;
        }
        closedTooSlow.increment();
        LOG.infof("Closing a connection whose client is not reading: %d characters of frames waiting", pendingChars);
        connection.close(new CloseReason(TOO_SLOW, "too slow: frames are not being read")).subscribe().with(ok -> {
        }, failure -> LOG.debugf("Closing a slow connection failed: %s", failure));
    }
}
