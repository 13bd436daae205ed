package dev.parley.media;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a message says of a file it carries: enough to show it (name, type, size, an image's dimensions and whether
 * it has a thumbnail) without asking the server. The bytes are fetched with {@code GET /attachments/{id}}, which
 * checks that the reader is a member of the channel and hands out a short-lived download URL.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attachment(String id, String name, String contentType, long size, Integer width, Integer height,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean thumbnail) {
}
