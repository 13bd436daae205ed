package dev.parley.message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The embedded store's reactions: one row per (message, emoji, user), read alongside the messages they are on. */
final class PostgresReactions {

    private PostgresReactions() {
    }

    /** The messages with their reactions (one query for all of them; messages of several channels are fine). */
    static List<StoredMessage> attach(Connection c, List<StoredMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return messages;
        }
        Map<String, Map<String, TreeSet<String>>> found = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select channel_id, seq, emoji, user_id from message_reactions"
                + " where channel_id = any (?) and seq = any (?)")) {
            select.setArray(1, c.createArrayOf("varchar", messages.stream().map(StoredMessage::channelId).distinct().toArray()));
            select.setArray(2, c.createArrayOf("bigint", messages.stream().map(StoredMessage::seq).distinct().toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(rs.getString(1) + "#" + rs.getLong(2), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(3), k -> new TreeSet<>()).add(rs.getString(4));
                }
            }
        }
        if (found.isEmpty()) {
            return messages;
        }
        List<StoredMessage> withReactions = new ArrayList<>(messages.size());
        for (StoredMessage m : messages) {
            Map<String, TreeSet<String>> users = found.get(m.channelId() + "#" + m.seq());
            withReactions.add(users == null ? m : m.withReactions(Reaction.of(users)));
        }
        return withReactions;
    }

    /** A change's effect on the rows: a reaction added or removed, or all of a deleted message's removed. */
    static void apply(Connection c, MessageChange change) throws SQLException {
        String sql = switch (change.kind()) {
            case REACT -> "insert into message_reactions (channel_id, seq, emoji, user_id, reacted_at) values (?, ?, ?, ?, ?)"
                    + " on conflict do nothing";
            case UNREACT -> "delete from message_reactions where channel_id = ? and seq = ? and emoji = ? and user_id = ?";
            case DELETE -> "delete from message_reactions where channel_id = ? and seq = ?";
            case EDIT -> null;
        };
        if (sql == null) {
            return;
        }
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, change.channelId());
            statement.setLong(2, change.seq());
            if (change.kind() != MessageChange.Kind.DELETE) {
                statement.setString(3, change.emoji());
                statement.setString(4, change.byUserId());
            }
            if (change.kind() == MessageChange.Kind.REACT) {
                statement.setObject(5, OffsetDateTime.ofInstant(change.at(), ZoneOffset.UTC));
            }
            statement.executeUpdate();
        }
    }
}
