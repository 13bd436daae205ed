package dev.parley.message;

import java.util.List;
import java.util.Set;

/**
 * CDI event: a message is durable and on its way to the members' connections, after the live hand-off. Fired at least
 * once per message: again for a resend found stored within the push coalescing window (its first hand-off may never
 * have happened), never for an older one. members: the channel's members at that moment, the sender included.
 * connected: the members the live hand-off found with a connection (the frame went to them), or null when that is not
 * known (the hand-off failed, or was not asked); push leaves them out instead of asking the registry again. Features
 * that react to messages (push) observe it; observers must return quickly, the channel's next send waits for them.
 */
public record MessageStored(StoredMessage message, List<String> members, Set<String> connected) {
}
