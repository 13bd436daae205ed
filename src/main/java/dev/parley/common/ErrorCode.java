package dev.parley.common;

/**
 * Every stable reason Parley refuses a request, with the HTTP status REST answers it with. WebSocket {@code error}
 * frames carry the same codes. Clients switch on these: never rename one (docs/protocol.md lists them).
 */
public enum ErrorCode {
    // Refusals a socket frame can meet (and REST too)
    BAD_REQUEST("bad_request", 400),
    UNKNOWN_TYPE("unknown_type", 400),
    TOO_LARGE("too_large", 413),
    NOT_MEMBER("not_member", 403),
    RATE_LIMITED("rate_limited", 429),
    /** A block stands between the caller and that user: no direct chat, no adding them, no sending to them. */
    BLOCKED("blocked", 403),
    INTERNAL("internal_error", 500),
    /** Too much waiting already (a connection's sends in flight, a channel's queue): resend once acks come. */
    OVERLOADED("overloaded", 503),
    /** The clientMsgId already names the sender's message in another channel: a new message needs a new one. */
    CLIENT_MSG_ID_REUSED("client_msg_id_reused", 409),
    // Refusals of REST calls
    INVALID_REQUEST("invalid_request", 400),
    INVALID_LIMIT("invalid_limit", 400),
    INVALID_CURSOR("invalid_cursor", 400),
    TOO_MANY_IDS("too_many_ids", 400),
    INVALID_CREDENTIALS("invalid_credentials", 401),
    NOT_OWNER("not_owner", 403),
    ACCOUNT_NOT_FOUND("account_not_found", 404),
    USER_NOT_FOUND("user_not_found", 404),
    CHANNEL_NOT_FOUND("channel_not_found", 404),
    NOT_A_MEMBER("not_a_member", 404),
    DEVICE_NOT_FOUND("device_not_found", 404),
    USERNAME_TAKEN("username_taken", 409),
    INVALID_MEMBERS("invalid_members", 422),
    UNKNOWN_USER("unknown_user", 422),
    TOO_MANY_MEMBERS("too_many_members", 422),
    /** A user would be in more channels than {@code parley.channels.max-per-user}. */
    TOO_MANY_CHANNELS("too_many_channels", 422),
    DIRECT_CHANNEL("direct_channel", 422),
    // Refusals of changes to sent messages (REST and socket)
    MESSAGE_NOT_FOUND("message_not_found", 404),
    /** Only the author edits; the author or the group's owner deletes. */
    NOT_AUTHOR("not_author", 403),
    /** A deleted message is a tombstone: it cannot be edited. */
    MESSAGE_DELETED("message_deleted", 409),
    /** A message already carries the most different emoji it takes. */
    TOO_MANY_REACTIONS("too_many_reactions", 422),
    // Refusals of attachments (REST, and sends that carry them)
    /** No attachment of that id that the caller may use or read. */
    ATTACHMENT_NOT_FOUND("attachment_not_found", 404),
    /** Its upload was not completed yet. */
    ATTACHMENT_NOT_READY("attachment_not_ready", 409),
    /** The content type is not among parley.media.allowed-types. */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    /** Completing an upload whose bytes are not in storage. */
    UPLOAD_MISSING("upload_missing", 409),
    /** The uploaded bytes are not what the slot was asked for (size, content type); they were discarded. */
    UPLOAD_MISMATCH("upload_mismatch", 422);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The machine-readable code: a problem's {@code code}, an error frame's {@code code}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
