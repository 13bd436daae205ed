package dev.parley.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.config.ParleyConfig;
import dev.parley.limits.LocalRateLimiters;
import dev.parley.limits.RateLimiter;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Every frame but {@code send} (which has its per-user budget) costs something: a typing or read frame fans out to
 * every member, a sync reads the store, a presence subscription queries the registry. Each socket gets a budget of
 * them ({@code parley.limits.frames-per-second}, burst {@code frames-burst}), kept in this process: a socket lives on
 * one instance, and with at most {@code max-connections-per-user} sockets per instance a user's frames are bounded too.
 */
@ApplicationScoped
class FrameBudget {

    private final RateLimiter perSocket;

    FrameBudget(LocalRateLimiters local, ParleyConfig config) {
        this.perSocket = local.create("frames", config.limits().framesBurst(), config.limits().framesPerSecond());
    }

    /** Takes one frame from the socket's budget; a refusal is an error frame, and the frame is dropped. */
    void take(WebSocketConnection connection, String type) {
        if (!perSocket.tryAcquire(connection.id())) {
            throw new DomainException(ErrorCode.RATE_LIMITED, "too many '" + type + "' frames on this connection; slow down");
        }
    }
}
