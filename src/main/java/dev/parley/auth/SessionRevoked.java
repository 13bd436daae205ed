package dev.parley.auth;

/** A session was logged out: whoever holds its sockets closes them (CDI event, fired after the revocation is kept). */
public record SessionRevoked(String userId, String sessionId) {
}
