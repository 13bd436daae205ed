package dev.parley.support;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JDK WebSocket listener for the test clients: joins a text message's parts, parses it as one JSON frame and hands
 * it on, one at a time; tells its owner when the socket closes (with the close code) or fails (with -1).
 */
final class JsonFrames implements WebSocket.Listener {

    /** The socket closed: the close code, or -1 when it failed without one. */
    interface Closed {
        void closed(WebSocket socket, int code, Throwable failure);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder partial = new StringBuilder();
    private final Consumer<JsonNode> frames;
    private final Closed closed;

    JsonFrames(Consumer<JsonNode> frames, Closed closed) {
        this.frames = frames;
        this.closed = closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.accept(JSON.readTree(partial.toString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Server sent a frame that is not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.closed(webSocket, statusCode, null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.closed(webSocket, -1, error);
    }
}
