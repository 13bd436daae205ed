package dev.parley.message;

/** The stored message a send ended in; duplicate when it was stored by an earlier send with the same client id. */
public record SendResult(StoredMessage message, boolean duplicate) {
}
