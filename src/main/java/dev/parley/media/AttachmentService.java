package dev.parley.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.parley.channel.ChannelService;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.Ids;
import dev.parley.common.PlainText;
import dev.parley.config.ParleyConfig;
import dev.parley.limits.RateLimiter;
import dev.parley.limits.RateLimiters;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Attachments, the design notes' media step: a member asks for an upload slot, puts the bytes straight into object
 * storage, then completes the upload (checked against what the slot said, moved where its URL cannot overwrite it,
 * images measured and thumbnailed); a message then carries it. Only members of its channel get a download URL, and
 * a deleted message takes its files with it. Blocking (PostgreSQL, storage): worker threads only.
 */
@ApplicationScoped
public class AttachmentService {

    /** Most attachments one message carries. */
    public static final int MAX_PER_MESSAGE = 10;
    /** A file name's longest, in UTF-8 bytes (as file systems count): it also keeps a message within DynamoDB's item limit. */
    static final int MAX_NAME_BYTES = 255;
    private static final Logger LOG = Logger.getLogger(AttachmentService.class);

    private final AttachmentRepository attachments;
    private final ObjectStore objects;
    private final ChannelService channels;
    private final ParleyConfig.Media config;
    private final RateLimiter uploads;

    AttachmentService(AttachmentRepository attachments, ObjectStore objects, ChannelService channels,
            ParleyConfig config, RateLimiters limiters) {
        this.attachments = attachments;
        this.objects = objects;
        this.channels = channels;
        this.config = config.media();
        this.uploads = limiters.create("upload", config.media().uploadBurst(), config.media().uploadsPerSecond());
    }

    /** An upload slot and the answer a client gets for it. */
    public record Slot(Attachment attachment, ObjectStore.Upload upload, Instant expiresAt) {
    }

    /** A ready attachment with URLs to read it (and its thumbnail, if it has one), valid until {@code expiresAt}. */
    public record Download(Attachment attachment, String channelId, String uploaderId, java.net.URI url,
            java.net.URI thumbnailUrl, Instant expiresAt) {
    }

    /** A member asks to upload {@code size} bytes of {@code contentType} named {@code name} to the channel. */
    public Slot createSlot(String userId, String channelId, String name, String contentType, long size) {
        String type = normalisedType(contentType);
        checkName(name);
        if (!config.allowedTypes().contains(type)) {
            throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "attachments of type " + type + " are not accepted; accepted: " + String.join(", ", config.allowedTypes()));
        }
        if (size < 1) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "size must be at least 1 byte");
        }
        if (size > config.maxBytes()) {
            throw new DomainException(ErrorCode.TOO_LARGE, "attachments are at most " + config.maxBytes() + " bytes");
        }
        channels.requireMember(channelId, userId);
        if (!uploads.tryAcquire(userId)) {
            throw new dev.parley.common.RateLimitedException(
                    "too many uploads; try again in " + uploads.secondsToNext() + " s", uploads.secondsToNext());
        }
        StoredAttachment row = new StoredAttachment();
        row.id = Ids.newId();
        row.channelId = channelId;
        row.uploaderId = userId;
        row.name = name;
        row.contentType = type;
        row.size = size;
        row.status = StoredAttachment.Status.PENDING;
        row.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        QuarkusTransaction.requiringNew().run(() -> attachments.persist(row));
        return new Slot(row.description(), objects.presignUpload(row.uploadKey(), type, size, config.uploadTtl()),
                Instant.now().plus(config.uploadTtl()).truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The uploader says the bytes are in storage: they are checked against the slot (size, type), moved under media/
     * (the upload URL can no longer change them), and an image gets its dimensions and a thumbnail. Completing a
     * ready attachment again answers it as it is.
     */
    public Attachment complete(String userId, String attachmentId) {
        StoredAttachment row = QuarkusTransaction.requiringNew().call(() -> attachments.findByIdOptional(attachmentId))
                .filter(found -> found.uploaderId.equals(userId) && found.status != StoredAttachment.Status.DELETED)
                .orElseThrow(AttachmentService::notFound);
        if (row.status == StoredAttachment.Status.READY) {
            return row.description();
        }
        ObjectStore.ObjectInfo uploaded = objects.head(row.uploadKey()).orElseThrow(() -> new DomainException(
                ErrorCode.UPLOAD_MISSING, "nothing was uploaded for this attachment yet: PUT the bytes to its uploadUrl"));
        if (uploaded.size() != row.size || !row.contentType.equals(normalisedType(uploaded.contentType()))) {
            objects.delete(row.uploadKey());
            throw new DomainException(ErrorCode.UPLOAD_MISMATCH, "the upload has " + uploaded.size() + " bytes of "
                    + uploaded.contentType() + ", not the " + row.size + " bytes of " + row.contentType
                    + " the slot was for; upload it again");
        }
        objects.move(row.uploadKey(), row.mediaKey());
        if (Thumbnails.isImage(row.contentType)) {
            measureAndThumbnail(row);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            StoredAttachment managed = attachments.findById(row.id);
            managed.width = row.width;
            managed.height = row.height;
            managed.thumbnail = row.thumbnail;
            managed.status = StoredAttachment.Status.READY;
        });
        row.status = StoredAttachment.Status.READY;
        return row.description();
    }

    /**
     * An image's dimensions from its header; then, if it is not too large to decode, a thumbnail (a second read of
     * the object: the header is read alone so that measuring never decodes).
     */
    private void measureAndThumbnail(StoredAttachment row) {
        Optional<ImageHeaders.Size> size;
        try (InputStream in = objects.open(row.mediaKey())) {
            size = ImageHeaders.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size.isEmpty()) {
            return;
        }
        row.width = size.get().width();
        row.height = size.get().height();
        if ((long) row.width * row.height > config.maxThumbnailPixels() || !Thumbnails.AVAILABLE) {
            return;
        }
        Optional<byte[]> jpeg;
        try (InputStream in = objects.open(row.mediaKey())) {
            jpeg = Thumbnails.of(in, size.get(), config.thumbnailSize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jpeg.ifPresent(bytes -> {
            objects.put(row.thumbnailKey(), bytes, "image/jpeg");
            row.thumbnail = true;
        });
    }

    /**
     * The attachments a new message of the sender's carries, in the order given: each ready, uploaded by the sender
     * to this channel. One read of PostgreSQL.
     */
    public List<Attachment> forMessage(String senderId, String channelId, List<String> attachmentIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(attachmentIds));
        if (ids.size() > MAX_PER_MESSAGE) {
            throw new DomainException(ErrorCode.TOO_MANY_IDS, "a message carries at most " + MAX_PER_MESSAGE + " attachments");
        }
        Map<String, StoredAttachment> found = QuarkusTransaction.requiringNew().call(() -> attachments.byIds(ids)).stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        return ids.stream().map(id -> {
            StoredAttachment row = found.get(id);
            if (row == null || !row.uploaderId.equals(senderId) || !row.channelId.equals(channelId)
                    || row.status == StoredAttachment.Status.DELETED) {
                throw new DomainException(ErrorCode.ATTACHMENT_NOT_FOUND,
                        "attachment " + id + " is not one you uploaded to this channel");
            }
            if (row.status != StoredAttachment.Status.READY) {
                throw new DomainException(ErrorCode.ATTACHMENT_NOT_READY,
                        "attachment " + id + " is not complete: upload its bytes, then POST /attachments/" + id + "/complete");
            }
            return row.description();
        }).toList();
    }

    /** URLs to read a ready attachment, for members of its channel only. */
    public Download download(String userId, String attachmentId) {
        StoredAttachment row = QuarkusTransaction.requiringNew().call(() -> attachments.findByIdOptional(attachmentId))
                .filter(found -> found.status == StoredAttachment.Status.READY).orElseThrow(AttachmentService::notFound);
        if (!channels.isMember(row.channelId, userId)) {
            throw new DomainException(ErrorCode.NOT_MEMBER, "only members of the attachment's channel may read it");
        }
        boolean inline = Thumbnails.isImage(row.contentType);
        java.net.URI url = objects.presignDownload(row.mediaKey(), row.contentType, row.name, inline, config.downloadTtl());
        java.net.URI thumbnailUrl = row.thumbnail
                ? objects.presignDownload(row.thumbnailKey(), "image/jpeg", "thumbnail.jpg", true, config.downloadTtl())
                : null;
        return new Download(row.description(), row.channelId, row.uploaderId, url, thumbnailUrl,
                Instant.now().plus(config.downloadTtl()).truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * A deleted message's attachments go with it: rows marked deleted (no download URL is handed out again), bytes
     * and thumbnails removed from storage. A failure to remove bytes is logged; the rows stay deleted either way.
     */
    public void discard(List<Attachment> carried) {
        if (carried.isEmpty()) {
            return;
        }
        List<String> ids = carried.stream().map(Attachment::id).toList();
        List<StoredAttachment> rows = QuarkusTransaction.requiringNew().call(() -> {
            List<StoredAttachment> found = attachments.byIds(ids);
            found.forEach(row -> row.status = StoredAttachment.Status.DELETED);
            return found;
        });
        for (StoredAttachment row : rows) {
            try {
                objects.delete(row.mediaKey());
                objects.delete(row.thumbnailKey());
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not delete the bytes of attachment %s", row.id);
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "name must be 1 to " + MAX_NAME_BYTES + " bytes of UTF-8");
        }
        if (!PlainText.Validator.isPlain(name) || name.contains("/") || name.contains("\\")) {
            throw new DomainException(ErrorCode.BAD_REQUEST,
                    "name must be a file name: no slashes, control, bidi or invisible formatting characters");
        }
    }

    /** "Image/PNG; charset=x" is image/png. */
    private static String normalisedType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new DomainException(ErrorCode.BAD_REQUEST, "contentType is required");
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.ATTACHMENT_NOT_FOUND, "no such attachment");
    }
}
