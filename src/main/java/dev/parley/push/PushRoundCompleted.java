package dev.parley.push;

/** A CDI event fired when the pushes for one stored message have all been decided and sent. */
public record PushRoundCompleted(String messageId, String channelId, int pushed) {
}
