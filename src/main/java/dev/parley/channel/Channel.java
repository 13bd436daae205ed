package dev.parley.channel;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "channels")
public class Channel {

    public static final String DIRECT = "direct";
    public static final String GROUP = "group";

    @Id
    public String id;

    @Column(nullable = false)
    public String type;

    public String name;

    @Column(name = "owner_id")
    public String ownerId;

    /** Set on direct channels only: the two member ids, sorted, joined by ':'. Unique, so a pair has one channel. */
    @Column(name = "direct_key", unique = true)
    public String directKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean isDirect() {
        return DIRECT.equals(type);
    }

    static String directKey(String userA, String userB) {
        return userA.compareTo(userB) < 0 ? userA + ":" + userB : userB + ":" + userA;
    }
}
