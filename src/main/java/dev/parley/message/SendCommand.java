package dev.parley.message;

/** A user's request to post a message, as it arrived (not yet validated). */
public record SendCommand(String senderId, String channelId, String clientMsgId, String text) {
}
