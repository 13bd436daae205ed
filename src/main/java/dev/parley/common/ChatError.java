package dev.parley.common;

/** The stable codes of WebSocket {@code error} frames. Clients switch on these; never rename one. */
public enum ChatError {
    BAD_REQUEST("bad_request"),
    UNKNOWN_TYPE("unknown_type"),
    TOO_LARGE("too_large"),
    NOT_MEMBER("not_member"),
    RATE_LIMITED("rate_limited"),
    INTERNAL("internal_error");

    private final String code;

    ChatError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
