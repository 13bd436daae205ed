package dev.parley.channel;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

@Entity
@Table(name = "memberships")
@IdClass(Membership.Key.class)
public class Membership {

    @Id
    @Column(name = "channel_id")
    public String channelId;

    @Id
    @Column(name = "user_id")
    public String userId;

    /** The highest seq this member has read; it never moves back. */
    @Column(name = "read_seq", nullable = false)
    public long readSeq;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    /** No pushes for this channel to this member. */
    @Column(nullable = false)
    public boolean muted;

    public static class Key implements Serializable {
        public String channelId;
        public String userId;

        public Key() {
        }

        public Key(String channelId, String userId) {
            this.channelId = channelId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(channelId, k.channelId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(channelId, userId);
        }
    }
}
