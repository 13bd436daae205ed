package dev.parley.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Several answers to one asking pod in one record: the value is the answers one after another, and a header gives
 * their lengths (in chars), so no answer is escaped or parsed on the way. The request ids go in headers of their own,
 * in the same order.
 */
record ReplyBatch(List<String> requestIds, List<String> answers) {

    ReplyBatch {
        if (requestIds.size() != answers.size() || requestIds.isEmpty()) {
            throw new IllegalArgumentException("a batch holds one answer per request id, at least one");
        }
    }

    /** The value of the record: the answers, concatenated. */
    String value() {
        StringBuilder value = new StringBuilder(answers.stream().mapToInt(String::length).sum());
        answers.forEach(value::append);
        return value.toString();
    }

    /** The lengths header: each answer's length in chars, comma-separated. */
    String lengths() {
        StringBuilder lengths = new StringBuilder();
        for (String answer : answers) {
            if (lengths.length() > 0) {
                lengths.append(',');
            }
            lengths.append(answer.length());
        }
        return lengths.toString();
    }

    /** Reads a batch back; refuses one whose lengths do not add up to its value. */
    static ReplyBatch read(List<String> requestIds, String lengths, String value) {
        String[] parts = lengths == null || lengths.isEmpty() ? new String[0] : lengths.split(",");
        if (parts.length != requestIds.size()) {
            throw new IllegalArgumentException(
                    "a reply batch names " + requestIds.size() + " requests and " + parts.length + " answer lengths");
        }
        List<String> answers = new ArrayList<>(parts.length);
        int at = 0;
        for (String part : parts) {
            int length = Integer.parseInt(part);
            if (length < 0 || at + length > value.length()) {
                throw new IllegalArgumentException("a reply batch's answer lengths run past its value");
            }
            answers.add(value.substring(at, at + length));
            at += length;
        }
        if (at != value.length()) {
            throw new IllegalArgumentException("a reply batch's value is longer than its answers");
        }
        return new ReplyBatch(List.copyOf(requestIds), answers);
    }
}
