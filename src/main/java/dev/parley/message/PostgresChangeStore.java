package dev.parley.message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import io.agroal.api.AgroalDataSource;

/**
 * Embedded adapter of {@link ChangeStore}: one transaction per change takes the channel's head row (the lock message
 * appends take too, so a channel's changes are numbered and committed one after another), bumps its change counter
 * and rewrites the message row in place. Changes are read from the messages themselves by their last changeSeq.
 */
@ApplicationScoped
@Typed(PostgresChangeStore.class)
public class PostgresChangeStore implements ChangeStore {

    private final AgroalDataSource dataSource;

    PostgresChangeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Changed apply(MessageChange change) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Changed changed = apply(c, change);
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change message " + change.seq() + " of " + change.channelId(), e);
        }
    }

    private static Changed apply(Connection c, MessageChange change) throws SQLException {
        long lastChangeSeq = lockHead(c, change.channelId());
        StoredMessage target = find(c, change.channelId(), change.seq());
        if (!change.appliesTo(target)) {
            return new Changed(target, false);
        }
        long changeSeq = lastChangeSeq + 1;
        StoredMessage after = change.applyTo(target, changeSeq);
        try (PreparedStatement bump = c.prepareStatement(
                "update channel_heads set last_change_seq = ? where channel_id = ?")) {
            bump.setLong(1, changeSeq);
            bump.setString(2, change.channelId());
            bump.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement("update messages set text = ?, edited_at = ?, deleted_at = ?, "
                + "change_seq = ?, attachments = ? where channel_id = ? and seq = ?")) {
            update.setString(1, after.text());
            update.setObject(2, after.editedAt() == null ? null : OffsetDateTime.ofInstant(after.editedAt(), ZoneOffset.UTC));
            update.setObject(3, after.deletedAt() == null ? null : OffsetDateTime.ofInstant(after.deletedAt(), ZoneOffset.UTC));
            update.setLong(4, changeSeq);
            update.setString(5, dev.parley.media.AttachmentJson.write(after.attachments()));
            update.setString(6, change.channelId());
            update.setLong(7, change.seq());
            update.executeUpdate();
        }
        PostgresReactions.apply(c, change);
        return new Changed(after, true);
    }

    /** The channel's last changeSeq, its head row locked until commit; a channel without messages has no head. */
    private static long lockHead(Connection c, String channelId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select last_change_seq from channel_heads where channel_id = ? for update")) {
            select.setString(1, channelId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw notFound();
                }
                return rs.getLong(1);
            }
        }
    }

    private static StoredMessage find(Connection c, String channelId, long seq) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + PostgresMessageStore.COLUMNS
                + " from messages where channel_id = ? and seq = ?")) {
            select.setString(1, channelId);
            select.setLong(2, seq);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw notFound();
                }
                return PostgresReactions.attach(c, List.of(PostgresMessageStore.row(rs))).get(0);
            }
        }
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.MESSAGE_NOT_FOUND, "no message with this seq in this channel");
    }

    @Override
    public ChangesPage changesAfter(String channelId, long afterChangeSeq, int limit) {
        List<StoredMessage> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select " + PostgresMessageStore.COLUMNS
                        + " from messages where channel_id = ? and change_seq > ? order by change_seq limit ?")) {
            select.setString(1, channelId);
            select.setLong(2, afterChangeSeq);
            select.setInt(3, limit + 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(PostgresMessageStore.row(rs));
                }
            }
            rows = new ArrayList<>(PostgresReactions.attach(c, rows));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the changes of channel " + channelId, e);
        }
        boolean hasMore = rows.size() > limit;
        List<StoredMessage> page = hasMore ? List.copyOf(rows.subList(0, limit)) : rows;
        return new ChangesPage(page, hasMore, page.isEmpty() ? afterChangeSeq : page.get(page.size() - 1).changeSeq());
    }
}
