package dev.parley.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;

/** One emoji's reactions on a message: who reacted (so each client knows "reacted by me") and how many. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record Reaction(String emoji, int count, List<String> userIds) {

    static final int MAX_EMOJI_LENGTH = 32;
    /** Different emoji on one message; bounds the message's size (a DynamoDB item is at most 400 KB). */
    static final int MAX_PER_MESSAGE = 20;

    /** An emoji is any short text without spaces or control characters (a Unicode emoji sequence, or a :name:). */
    static void validate(String emoji) {
        if (emoji == null || emoji.isEmpty() || emoji.length() > MAX_EMOJI_LENGTH
                || emoji.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                        || Character.getType(c) == Character.SURROGATE)) {
            throw new DomainException(ErrorCode.BAD_REQUEST,
                    "emoji must be 1 to " + MAX_EMOJI_LENGTH + " characters without spaces or control characters");
        }
    }

    /** The reactions of a message from (emoji → user ids), ordered by emoji and user id: the same in every mode. */
    static List<Reaction> of(Map<String, ? extends java.util.Collection<String>> usersByEmoji) {
        List<Reaction> reactions = new ArrayList<>();
        new TreeMap<>(usersByEmoji).forEach((emoji, users) -> {
            if (!users.isEmpty()) {
                List<String> ids = List.copyOf(new TreeSet<>(users));
                reactions.add(new Reaction(emoji, ids.size(), ids));
            }
        });
        return List.copyOf(reactions);
    }

    static Map<String, TreeSet<String>> usersByEmoji(List<Reaction> reactions) {
        Map<String, TreeSet<String>> users = new TreeMap<>();
        reactions.forEach(r -> users.put(r.emoji(), new TreeSet<>(r.userIds())));
        return users;
    }
}
