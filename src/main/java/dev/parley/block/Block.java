package dev.parley.block;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One user blocking another. */
@Entity
@Table(name = "blocks")
@IdClass(Block.Key.class)
public class Block {

    @Id
    @Column(name = "blocker_id")
    public String blockerId;

    @Id
    @Column(name = "blocked_id")
    public String blockedId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static class Key implements Serializable {
        public String blockerId;
        public String blockedId;

        public Key() {
        }

        public Key(String blockerId, String blockedId) {
            this.blockerId = blockerId;
            this.blockedId = blockedId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(blockerId, k.blockerId) && Objects.equals(blockedId, k.blockedId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(blockerId, blockedId);
        }
    }
}
