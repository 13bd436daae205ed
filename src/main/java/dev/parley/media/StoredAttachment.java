package dev.parley.media;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An attachment's row: what was uploaded, by whom, for which channel, and how far it got. */
@Entity
@Table(name = "attachments")
public class StoredAttachment {

    public enum Status {
        /** A slot was handed out; the bytes may or may not be in storage yet. */
        PENDING,
        /** Uploaded, checked and moved under media/: messages may carry it. */
        READY,
        /** Its message was deleted, and with it the bytes. */
        DELETED
    }

    @Id
    public String id;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(name = "uploader_id", nullable = false)
    public String uploaderId;

    @Column(nullable = false)
    public String name;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long size;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public Integer width;

    public Integer height;

    @Column(name = "has_thumbnail", nullable = false)
    public boolean thumbnail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The key of the bytes as the client uploads them; moved to {@link #mediaKey()} once checked. */
    String uploadKey() {
        return "uploads/" + id;
    }

    String mediaKey() {
        return "media/" + id;
    }

    String thumbnailKey() {
        return "media/" + id + ".thumb.jpg";
    }

    Attachment description() {
        return new Attachment(id, name, contentType, size, width, height, thumbnail);
    }
}
