package dev.parley.common;

/** A request over the socket that is refused; the gateway answers it with an error frame and keeps the socket. */
public class ChatException extends RuntimeException {

    private final ChatError error;

    public ChatException(ChatError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ChatError error() {
        return error;
    }
}
