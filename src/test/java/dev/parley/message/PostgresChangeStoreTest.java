package dev.parley.message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PostgresChangeStoreTest extends ChangeStoreContract {

    @Inject
    PostgresMessageStore messages;
    @Inject
    PostgresChangeStore changes;
    @Inject
    AgroalDataSource dataSource;

    @Override
    protected MessageStore messages() {
        return messages;
    }

    @Override
    protected ChangeStore changes() {
        return changes;
    }

    /** Every text column of the channel's rows. */
    @Override
    protected Collection<String> storedStrings(String channelId) {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select m::text from messages m where channel_id = ?")) {
            select.setString(1, channelId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
