package dev.parley.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.InboxHandler;
import dev.parley.common.JsonText;

/**
 * What another pod asks of this pod's connections besides frames (cluster mode): close a logged-out session's
 * sockets, stop a connection watching a user who blocked its user. A pod of an earlier version skips the kind.
 */
@ApplicationScoped
@Typed({ ConnectionControls.class, InboxHandler.class })
public class ConnectionControls implements InboxHandler {

    static final String KIND = "control";
    static final String END_SESSION = "endSession";
    static final String STOP_WATCHING = "stopWatching";

    /** {@code subject}: the session id to end, or the user id to stop watching. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record Control(String action, String userId, String subject) {
    }

    private final LocalConnections local;
    private final ObjectMapper json;

    ConnectionControls(LocalConnections local, ObjectMapper json) {
        this.local = local;
        this.json = json;
    }

    void apply(Control control) {
        switch (control.action()) {
            case END_SESSION -> local.closeSession(control.userId(), control.subject());
            case STOP_WATCHING -> local.stopWatching(control.userId(), control.subject());
            default -> throw new IllegalArgumentException("Unknown connection control " + control.action());
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(String payload) {
        apply(JsonText.read(json, payload, Control.class));
    }
}
