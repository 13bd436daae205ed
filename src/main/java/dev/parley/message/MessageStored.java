package dev.parley.message;

import java.util.List;

/**
 * CDI event: a new message is durable and on its way to the members' connections (fired once per message, never for
 * a resend, after the live hand-off). members: the channel's members at that moment, the sender included. Features
 * that react to messages (push) observe it; observers must return quickly, the channel's next send waits for them.
 */
public record MessageStored(StoredMessage message, List<String> members) {
}
