package dev.parley.push;

/**
 * One notification: title (the group's name, or the sender's display name in a direct chat), body (the first 120
 * characters of the text), data (channelId and seq, for the app to open the chat), badge (the user's unread count).
 */
public record PushMessage(String title, String body, String channelId, long seq, long badge) {
}
