package dev.parley.gateway;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.auth.RevokedSessions;
import dev.parley.auth.Session;
import dev.parley.channel.ChannelService;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.JsonText;
import dev.parley.config.ParleyConfig;
import dev.parley.delivery.LocalConnections;
import dev.parley.delivery.SocketWriter;
import dev.parley.message.AckFrame;
import dev.parley.message.MessageChangeService;
import dev.parley.message.MessageService;
import dev.parley.presence.PresenceService;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPingMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.buffer.Buffer;

/**
 * The chat socket: one JSON object per text frame. Authenticated at the upgrade (bearer token or ticket), so an
 * open socket always has a user. Frames of one connection are handled one at a time, on a worker thread.
 */
@WebSocket(path = ChatSocket.PATH)
@Authenticated
public class ChatSocket {

    /** Where sockets open; the HTTP filters that act on the upgrade match it too. */
    static final String PATH = "/api/v1/ws";

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final TypedKey<String> USER_ID = TypedKey.forString("parley.userId");
    private static final TypedKey<AtomicInteger> SENDS_IN_FLIGHT = new TypedKey<>("parley.sendsInFlight");
    private static final TypedKey<SyncTurns> SYNC_TURNS = new TypedKey<>("parley.syncTurns");

    @Inject
    SecurityIdentity identity;
    @Inject
    LocalConnections connections;
    @Inject
    MessageService messages;
    @Inject
    MessageChangeService changes;
    @Inject
    ChannelService channels;
    @Inject
    ObjectMapper json;
    @Inject
    PresenceService presence;
    @Inject
    Drain drain;
    @Inject
    ParleyConfig config;
    @Inject
    Tracer tracer;
    @Inject
    SocketWriter writer;
    @Inject
    SyncStream syncs;
    @Inject
    FrameBudget frameBudget;
    @Inject
    RevokedSessions revokedSessions;
    @Inject
    SocketOpenSteps openSteps;

    private static final java.time.Duration REVOCATION_CHECK_TIMEOUT = java.time.Duration.ofSeconds(10);

    /** Close code for a socket the server could not set up (RFC 6455's internal error): reconnect with backoff. */
    static final int SERVER_ERROR = 1011;
    /** Close code for a socket over the user's limit on this instance. */
    static final int TOO_MANY_CONNECTIONS = 4009;

    // The connection comes as a parameter, not an injected field: the field is a proxy that only works inside a
    // callback, and the registry sends to connections from other threads.
    @OnOpen
    @Blocking
    void onOpen(WebSocketConnection connection) {
        openSteps.queuedSince(connection.creationTime());
        String userId = identity.getPrincipal().getName();
        connection.userData().put(SENDS_IN_FLIGHT, new AtomicInteger());
        connection.userData().put(SYNC_TURNS, new SyncTurns(ClientFrame.MAX_SYNC_CHANNELS));
        Session session = Session.of(identity);
        boolean kept;
        try {
            kept = openSteps.time(SocketOpenSteps.REGISTER, () -> connections.add(userId, connection,
                    new LocalConnections.SocketSession(session.id(), session.end())));
        } catch (RuntimeException e) {
            closeToRetry(connection, userId, "registering it", e); // nothing was kept
            return;
        }
        if (!kept) {
            close(connection, TOO_MANY_CONNECTIONS, "too many connections of this user");
            return;
        }
        connection.userData().put(USER_ID, userId); // only a kept connection has a user: the others are never used
        boolean revoked;
        try {
            revoked = session.id() != null && openSteps.time(SocketOpenSteps.SESSION_CHECK,
                    () -> revokedSessions.isRevoked(session.id()).await().atMost(REVOCATION_CHECK_TIMEOUT));
        } catch (RuntimeException e) {
            closeToRetry(connection, userId, "checking its session", e); // @OnClose removes it
            return;
        }
        if (revoked) {
            // Logged out while this socket was opening: the log-out's close may have passed before it was added.
            close(connection, LocalConnections.SESSION_ENDED, "logged out");
            return;
        }
        try {
            openSteps.time(SocketOpenSteps.PRESENCE, () -> {
                presence.subscribeDefaults(connection, userId, frame -> reply(connection, frame));
                return null;
            });
        } catch (RuntimeException e) {
            // Presence is a nicety; the socket is still good for chatting, and the client may subscribe again.
            LOG.warnf(e, "Default presence subscription failed for %s", userId);
        }
    }

    /**
     * A store the socket needs at open did not answer (Redis restarting): the socket closes with 1011 and the client
     * reconnects with backoff and syncs, rather than staying open half set up, reachable by nobody.
     */
    private static void closeToRetry(WebSocketConnection connection, String userId, String step, RuntimeException e) {
        LOG.warnf("Closing a socket of %s with %d: %s failed (%s); the client reconnects", userId, SERVER_ERROR, step,
                e.toString());
        close(connection, SERVER_ERROR, "the server could not set this socket up; reconnect");
    }

    private static void close(WebSocketConnection connection, int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {
        }, failure -> LOG.debugf("Closing a connection (%d) failed: %s", code, failure));
    }

    /** WebSocket-level pings count as a sign of life, like any frame (the pong is sent by Vert.x). */
    @OnPingMessage
    void onPing(Buffer ignored, WebSocketConnection connection) {
        connections.heard(connection);
    }

    @OnClose
    @Blocking
    void onClose(WebSocketConnection connection) {
        String userId = connection.userData().get(USER_ID);
        if (userId != null) {
            connections.remove(userId, connection);
        }
    }

    @OnTextMessage
    @Blocking
    void onText(String raw, WebSocketConnection connection) {
        connections.heard(connection);
        ClientFrame frame;
        try {
            JsonNode node = json.readTree(raw);
            if (node == null || !node.isObject()) {
                reply(connection, new ErrorFrame(ErrorCode.BAD_REQUEST.code(), "a frame is one JSON object", null));
                return;
            }
            frame = new ClientFrame(node);
        } catch (JsonProcessingException e) {
            reply(connection, new ErrorFrame(ErrorCode.BAD_REQUEST.code(), "malformed JSON", null));
            return;
        }
        String userId = connection.userData().get(USER_ID);
        if (userId == null) {
            return; // refused at open, closing
        }
        try {
            if (!"send".equals(frame.type())) {
                frameBudget.take(connection, frame.type());
            }
            drain.during(() -> dispatch(connection, userId, frame));
        } catch (DomainException e) {
            reply(connection, new ErrorFrame(e.code().code(), e.getMessage(), frame.refOrNull()));
        } catch (RuntimeException e) {
            LOG.error("Failed to handle a client frame", e);
            reply(connection, new ErrorFrame(ErrorCode.INTERNAL.code(), "the server failed to handle this frame", frame.refOrNull()));
        }
    }

    @OnBinaryMessage
    void onBinary(Buffer ignored, WebSocketConnection connection) {
        connections.heard(connection);
        reply(connection, new ErrorFrame(ErrorCode.BAD_REQUEST.code(), "binary frames are not supported; send JSON text", null));
    }

    private void dispatch(WebSocketConnection connection, String userId, ClientFrame frame) {
        switch (frame.type()) {
            case "send" -> send(connection, userId, frame);
            case "sync" -> sync(connection, userId, frame);
            case "edit" -> reply(connection, ChangeAckFrame.of(frame.refOrNull(), changes.edit(userId,
                    frame.requiredString("channelId"), frame.requiredSeq("seq"), frame.requiredString("text"))));
            case "delete" -> reply(connection, ChangeAckFrame.of(frame.refOrNull(), changes.delete(userId,
                    frame.requiredString("channelId"), frame.requiredSeq("seq"))));
            case "react", "unreact" -> reply(connection, ChangeAckFrame.of(frame.refOrNull(), changes.react(userId,
                    frame.requiredString("channelId"), frame.requiredSeq("seq"), frame.requiredString("emoji"),
                    "react".equals(frame.type()))));
            case "read" -> channels.markRead(userId, frame.requiredString("channelId"), frame.requiredSeq("seq"));
            case "typing" -> channels.typing(userId, frame.requiredString("channelId"));
            case "ping" -> reply(connection, new PongFrame());
            case "presence.subscribe" -> presence.subscribe(connection, userId, frame.userIds(),
                    status -> reply(connection, status));
            default -> throw new DomainException(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + frame.type() + "'");
        }
    }

    /**
     * Hands the send on and returns: the connection's next frame is handled at once, and the ack (or error) goes out
     * when the send is stored. Acks of one channel come in send order; at most max-sends-in-flight wait per
     * connection.
     */
    private void send(WebSocketConnection connection, String userId, ClientFrame frame) {
        String channelId = frame.requiredString("channelId");
        String clientMsgId = frame.requiredString("clientMsgId");
        List<String> attachmentIds = frame.attachmentIds();
        // A message of attachments alone may leave its text out.
        String text = attachmentIds.isEmpty() || frame.has("text") ? frame.requiredString("text") : "";
        MessageService.Content content = new MessageService.Content(text, frame.optionalSeq("replyToSeq"), attachmentIds);
        AtomicInteger inFlight = connection.userData().get(SENDS_IN_FLIGHT);
        if (inFlight.incrementAndGet() > config.messages().maxSendsInFlight()) {
            inFlight.decrementAndGet();
            throw new DomainException(ErrorCode.OVERLOADED,
                    "too many sends waiting for their acks; resend with the same clientMsgId once some are acked");
        }
        drain.begin();
        // The root of the message's trace: from this socket to the store and every recipient's socket.
        Span span = tracer.spanBuilder("parley send").setSpanKind(SpanKind.SERVER)
                .setAttribute("parley.channel_id", channelId).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            messages.send(userId, channelId, clientMsgId, content).whenComplete((stored, failure) -> {
                inFlight.decrementAndGet();
                drain.end();
                if (failure == null) {
                    span.setAttribute("parley.seq", stored.seq());
                    reply(connection, AckFrame.of(stored));
                } else {
                    ErrorFrame error = errorFrame(failure instanceof CompletionException ? failure.getCause() : failure,
                            clientMsgId);
                    span.setStatus(StatusCode.ERROR, error.code());
                    reply(connection, error);
                }
                span.end();
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            drain.end();
            span.setStatus(StatusCode.ERROR, e.toString());
            span.end();
            throw e;
        }
    }

    private static ErrorFrame errorFrame(Throwable failure, String ref) {
        if (failure instanceof DomainException refused) {
            return new ErrorFrame(refused.code().code(), refused.getMessage(), ref);
        }
        LOG.error("Failed to store a send", failure);
        return new ErrorFrame(ErrorCode.INTERNAL.code(), "the message could not be stored; resend it with the same clientMsgId", ref);
    }

    /** Answered in the connection's turn (see {@link SyncTurns}): at once, or merged into the next one. */
    private void sync(WebSocketConnection connection, String userId, ClientFrame frame) {
        SyncTurns turns = connection.userData().get(SYNC_TURNS);
        turns.offer(new SyncRequest(frame.cursors(), frame.changeCursors()))
                .ifPresent(request -> answerInTurn(connection, userId, turns, request));
    }

    /**
     * Streams the answer page by page (a failure on the way is answered with an error frame), then takes the next
     * waiting sync on a worker: planning one reads the database, and a sync ends where its last write completes.
     */
    private void answerInTurn(WebSocketConnection connection, String userId, SyncTurns turns, SyncRequest request) {
        CompletableFuture<Void> answered;
        try {
            answered = syncs.answer(connection, userId, request);
        } catch (RuntimeException e) {
            answered = CompletableFuture.failedFuture(e);
        }
        answered.whenComplete((done, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                        : failure;
                LOG.warn("A sync failed on the way", cause);
                reply(connection, new ErrorFrame(ErrorCode.INTERNAL.code(), "the sync failed; send it again", null));
            }
            turns.next().ifPresent(next -> Infrastructure.getDefaultWorkerPool()
                    .execute(() -> answerInTurn(connection, userId, turns, next)));
        });
    }

    /**
     * Queues the frame without waiting for the write: a client that stops reading must not hold a worker thread
     * (nor grow the pod's memory: see {@link SocketWriter}). Frames queued one after another from this thread go
     * out in that order.
     */
    private void reply(WebSocketConnection connection, Object frame) {
        writer.send(connection, JsonText.write(json, frame));
    }
}
