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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.media.AttachmentJson;
import io.agroal.api.AgroalDataSource;

/**
 * Embedded adapter of {@link MessageStore}: history in PostgreSQL. A per-channel head row is bumped and the message
 * inserted in one transaction, so a seq is either used by a committed message or not used at all.
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(PostgresMessageStore.class)
public class PostgresMessageStore implements MessageStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INSERTED = "id, channel_id, seq, sender_id, client_msg_id, text, sent_at, reply_to_seq, attachments";
    /** What a read selects: what {@link #row} reads. */
    static final String COLUMNS = INSERTED + ", edited_at, deleted_at, change_seq";

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
                        "insert into messages (" + INSERTED + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(insert, m, seq);
                    insert.executeUpdate();
                }
                c.commit();
                return new Appended(stored(m, seq), false);
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

    /** One transaction for the whole list: one head bump, one batch of inserts, one commit (one fsync). */
    @Override
    public List<Appended> appendAll(List<NewMessage> batch) {
        if (batch.size() == 1) {
            return List.of(append(batch.get(0)));
        }
        String channelId = batch.get(0).channelId();
        if (batch.stream().anyMatch(m -> !m.channelId().equals(channelId))) {
            throw new IllegalArgumentException("appendAll takes messages of one channel");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, StoredMessage> stored = storedByClientKey(c, batch);
                Map<String, NewMessage> fresh = new LinkedHashMap<>();
                for (NewMessage m : batch) {
                    if (!stored.containsKey(clientKey(m)) && !fresh.containsKey(clientKey(m))) {
                        fresh.put(clientKey(m), m);
                    }
                }
                if (!fresh.isEmpty()) {
                    long seq = bumpSeq(c, channelId, fresh.size()) - fresh.size();
                    try (PreparedStatement insert = c.prepareStatement(
                            "insert into messages (" + INSERTED + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        for (NewMessage m : fresh.values()) {
                            seq++;
                            bind(insert, m, seq);
                            insert.addBatch();
                            stored.put(clientKey(m), stored(m, seq));
                        }
                        insert.executeBatch();
                    }
                }
                c.commit();
                List<Appended> answers = new ArrayList<>();
                for (NewMessage m : batch) {
                    answers.add(new Appended(stored.get(clientKey(m)), fresh.get(clientKey(m)) != m));
                }
                return answers;
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState()) || (e.getNextException() != null
                        && UNIQUE_VIOLATION.equals(e.getNextException().getSQLState()))) {
                    // A client id stored meanwhile by another channel's batch: sort it out one message at a time.
                    return MessageStore.super.appendAll(batch);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store messages in channel " + channelId, e);
        }
    }

    private Map<String, StoredMessage> storedByClientKey(Connection c, List<NewMessage> batch) throws SQLException {
        Map<String, StoredMessage> found = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS
                + " from messages where sender_id = any (?) and client_msg_id = any (?)")) {
            select.setArray(1, c.createArrayOf("varchar", batch.stream().map(NewMessage::senderId).distinct().toArray()));
            select.setArray(2, c.createArrayOf("varchar", batch.stream().map(NewMessage::clientMsgId).distinct().toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    StoredMessage m = row(rs);
                    found.put(m.senderId() + "\0" + m.clientMsgId(), m);
                }
            }
        }
        found.keySet().retainAll(batch.stream().map(PostgresMessageStore::clientKey).toList());
        return found;
    }

    private static String clientKey(NewMessage m) {
        return m.senderId() + "\0" + m.clientMsgId();
    }

    private static StoredMessage stored(NewMessage m, long seq) {
        return StoredMessage.of(m, seq);
    }

    private static void bind(PreparedStatement insert, NewMessage m, long seq) throws SQLException {
        insert.setString(1, m.id());
        insert.setString(2, m.channelId());
        insert.setLong(3, seq);
        insert.setString(4, m.senderId());
        insert.setString(5, m.clientMsgId());
        insert.setString(6, m.text());
        insert.setObject(7, OffsetDateTime.ofInstant(m.sentAt(), ZoneOffset.UTC));
        insert.setObject(8, m.replyTo() == null ? null : m.replyTo().seq(), java.sql.Types.BIGINT);
        insert.setString(9, AttachmentJson.write(m.attachments()));
    }

    private static long nextSeq(Connection c, String channelId) throws SQLException {
        return bumpSeq(c, channelId, 1);
    }

    /** Reserves count seqs and returns the last; the row lock taken here orders concurrent appends to one channel. */
    private static long bumpSeq(Connection c, String channelId, int count) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement("insert into channel_heads (channel_id, last_seq) values (?, ?) "
                + "on conflict (channel_id) do update set last_seq = channel_heads.last_seq + ? returning last_seq")) {
            bump.setString(1, channelId);
            bump.setLong(2, count);
            bump.setLong(3, count);
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
    public Map<Long, StoredMessage> messagesAt(String channelId, Collection<Long> seqs) {
        Map<Long, StoredMessage> found = new HashMap<>();
        if (!seqs.isEmpty()) {
            query("select " + COLUMNS + " from messages where channel_id = ? and seq = any (?)", channelId,
                    seqs.toArray(Long[]::new)).forEach(m -> found.put(m.seq(), m));
        }
        return found;
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

    static StoredMessage row(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(), instant(rs, 10), instant(rs, 11),
                rs.getLong(12), List.of(), rs.getObject(8) == null ? null : ReplyTo.seqOnly(rs.getLong(8)),
                AttachmentJson.read(rs.getString(9)));
    }

    private static java.time.Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private List<StoredMessage> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setObject(i + 1, params[i]);
            }
            List<StoredMessage> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return PostgresReactions.attach(c, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read messages", e);
        }
    }
}
