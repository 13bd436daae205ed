package dev.parley.media;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A message's attachments as the message stores keep them: one JSON array (null when there are none). */
public final class AttachmentJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Attachment>> LIST = new TypeReference<>() {
    };

    private AttachmentJson() {
    }

    public static String write(List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Attachments cannot be written as JSON", e);
        }
    }

    public static List<Attachment> read(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(json, LIST));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attachments are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
