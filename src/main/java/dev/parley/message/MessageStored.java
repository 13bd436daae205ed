package dev.parley.message;

import java.util.List;

/**
 * CDI event: a message is durable and on its way to the members' connections, after the live hand-off. Fired at least
 * once per message: again for a resend found stored within the push coalescing window (its first hand-off may never
 * have happened), never for an older one. members: the channel's members at that moment, the sender included. Features
 * that react to messages (push) observe it; observers must return quickly, the channel's next send waits for them.
 */
public record MessageStored(StoredMessage message, List<String> members) {
}
