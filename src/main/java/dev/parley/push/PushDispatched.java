package dev.parley.push;

/** A CDI event fired after each push attempt, for metrics and for tests that watch what was pushed. */
public record PushDispatched(String messageId, String userId, String token, String platform, PushMessage message,
        PushNotifier.Outcome outcome) {
}
