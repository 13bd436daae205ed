package dev.parley.message;

/**
 * What a send ended in: the stored message, and whether it was stored by an earlier send with the same client id
 * (a resend: nothing new was stored, and nobody is told again).
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record Appended(StoredMessage message, boolean duplicate) {
}
