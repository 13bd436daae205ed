package dev.parley.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The writer's answer to a {@link SendRequest}: the stored message, or why it could not be stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@io.quarkus.runtime.annotations.RegisterForReflection
public record SendReply(StoredMessage message, boolean duplicate, String error) {

    static SendReply of(SendResult result) {
        return new SendReply(result.message(), result.duplicate(), null);
    }

    static SendReply failed(String error) {
        return new SendReply(null, false, error);
    }
}
