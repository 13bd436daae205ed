package dev.parley.message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Embedded adapter of {@link MessageStore}: history in PostgreSQL. A per-channel head row is bumped and the message
 * inserted in one transaction, so a seq is either used by a committed message or not used at all.
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(PostgresMessageStore.class)
public class PostgresMessageStore implements MessageStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, channel_id, seq, sender_id, client_msg_id, text, sent_at";

    private final AgroalDataSource dataSource;

    PostgresMessageStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Appended append(NewMessage m) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long seq = nextSeq(c, m.channelId());
                try (PreparedStatement insert = c.prepareStatement(
                        "insert into messages (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, m.id());
                    insert.setString(2, m.channelId());
                    insert.setLong(3, seq);
                    insert.setString(4, m.senderId());
                    insert.setString(5, m.clientMsgId());
                    insert.setString(6, m.text());
                    insert.setObject(7, OffsetDateTime.ofInstant(m.sentAt(), ZoneOffset.UTC));
                    insert.executeUpdate();
                }
                c.commit();
                return new Appended(new StoredMessage(m.id(), m.channelId(), seq, m.senderId(), m.clientMsgId(),
                        m.text(), m.sentAt()), false);
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // The same client id was stored by a concurrent send: answer with that one.
                    return findByClientMsgId(m.senderId(), m.clientMsgId())
                            .map(existing -> new Appended(existing, true))
                            .orElseThrow(() -> new IllegalStateException("Unique violation without a stored message", e));
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a message in channel " + m.channelId(), e);
        }
    }

    private static long nextSeq(Connection c, String channelId) throws SQLException {
        // The row lock taken here orders concurrent appends to one channel.
        try (PreparedStatement bump = c.prepareStatement("insert into channel_heads (channel_id, last_seq) values (?, 1) "
                + "on conflict (channel_id) do update set last_seq = channel_heads.last_seq + 1 returning last_seq")) {
            bump.setString(1, channelId);
            try (ResultSet rs = bump.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public Optional<StoredMessage> findByClientMsgId(String senderId, String clientMsgId) {
        List<StoredMessage> found = query("select " + COLUMNS + " from messages where sender_id = ? and client_msg_id = ?",
                senderId, clientMsgId);
        return found.stream().findFirst();
    }

    @Override
    public HistoryPage after(String channelId, long afterSeq, int limit) {
        List<StoredMessage> rows = query("select " + COLUMNS + " from messages where channel_id = ? and seq > ? "
                + "order by seq asc limit ?", channelId, afterSeq, limit + 1);
        return HistoryPage.fromAscending(rows, limit);
    }

    @Override
    public HistoryPage before(String channelId, long beforeSeq, int limit) {
        List<StoredMessage> rows = query("select " + COLUMNS + " from messages where channel_id = ? and seq < ? "
                + "order by seq desc limit ?", channelId, beforeSeq, limit + 1);
        return HistoryPage.fromDescending(rows, limit);
    }

    @Override
    public Map<String, Long> lastSeqs(Collection<String> channelIds) {
        Map<String, Long> result = new HashMap<>();
        if (channelIds.isEmpty()) {
            return result;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select channel_id, last_seq from channel_heads where channel_id = any (?)")) {
            select.setArray(1, c.createArrayOf("varchar", channelIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getLong(2));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read channel heads", e);
        }
    }

    private List<StoredMessage> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setObject(i + 1, params[i]);
            }
            List<StoredMessage> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredMessage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read messages", e);
        }
    }
}
