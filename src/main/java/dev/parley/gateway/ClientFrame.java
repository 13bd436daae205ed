package dev.parley.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;

/** A parsed client frame, with typed access to its fields that answers bad input with {@code bad_request}. */
final class ClientFrame {

    static final int MAX_SYNC_CHANNELS = 1000;
    static final int MAX_REF_LENGTH = 100;

    private final JsonNode node;

    ClientFrame(JsonNode node) {
        this.node = node;
    }

    String type() {
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "field 'type' (string) is required");
        }
        return type.asText();
    }

    /** The clientMsgId (or for other frames the ref) if the frame carries a string one, for the ref of an answer. */
    String refOrNull() {
        JsonNode clientMsgId = node.get("clientMsgId");
        if (clientMsgId != null && clientMsgId.isTextual()) {
            return clientMsgId.asText();
        }
        JsonNode ref = node.get("ref");
        return ref != null && ref.isTextual() && ref.asText().length() <= MAX_REF_LENGTH ? ref.asText() : null;
    }

    boolean has(String field) {
        return node.has(field);
    }

    String requiredString(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "field '" + field + "' (string) is required");
        }
        return value.asText();
    }

    long requiredSeq(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "field '" + field + "' must be a whole number >= 0");
        }
        return value.asLong();
    }

    /** An optional seq field: null when absent, else as {@link #requiredSeq}. */
    Long optionalSeq(String field) {
        return node.hasNonNull(field) ? requiredSeq(field) : null;
    }

    /** presence.subscribe's userIds: an array of strings. */
    java.util.List<String> userIds() {
        if (!node.hasNonNull("userIds")) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "field 'userIds' (array of strings) is required");
        }
        return distinctStrings("userIds");
    }

    /** send's optional attachmentIds: an array of strings; none if absent. */
    java.util.List<String> attachmentIds() {
        return node.hasNonNull("attachmentIds") ? distinctStrings("attachmentIds") : java.util.List.of();
    }

    private java.util.List<String> distinctStrings(String field) {
        JsonNode values = node.get(field);
        if (!values.isArray()) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "field '" + field + "' must be an array of strings");
        }
        java.util.List<String> result = new java.util.ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw new DomainException(ErrorCode.BAD_REQUEST, field + " must be strings");
            }
            result.add(value.asText());
        }
        return result.stream().distinct().toList();
    }

    /** sync's cursors: channel id to the last seq the client has, at most {@value #MAX_SYNC_CHANNELS} channels. */
    Map<String, Long> cursors() {
        JsonNode cursors = node.get("cursors");
        if (cursors == null || !cursors.isObject()) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "field 'cursors' (object of channelId: lastSeq) is required");
        }
        return cursorsOf(cursors);
    }

    /** sync's optional changeCursors: channel id to the last changeSeq the client has; none if absent. */
    Map<String, Long> changeCursors() {
        JsonNode cursors = node.get("changeCursors");
        if (cursors == null) {
            return Map.of();
        }
        if (!cursors.isObject()) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "field 'changeCursors' must be an object of channelId: changeSeq");
        }
        return cursorsOf(cursors);
    }

    private static Map<String, Long> cursorsOf(JsonNode cursors) {
        if (cursors.size() > MAX_SYNC_CHANNELS) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "at most " + MAX_SYNC_CHANNELS + " channels per sync");
        }
        Map<String, Long> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> cursor : cursors.properties()) {
            JsonNode seq = cursor.getValue();
            if (!seq.canConvertToExactIntegral() || !seq.canConvertToLong() || seq.asLong() < 0) {
                throw new DomainException(ErrorCode.BAD_REQUEST, "cursor of " + cursor.getKey() + " must be a seq >= 0");
            }
            result.put(cursor.getKey(), seq.asLong());
        }
        return result;
    }
}
