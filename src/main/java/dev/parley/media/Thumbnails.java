package dev.parley.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.jboss.logging.Logger;

/**
 * An image's dimensions and a small JPEG of it, with the JDK's own ImageIO (PNG, JPEG, GIF, BMP). The dimensions are
 * read from the header first, so an image of too many pixels (a decompression bomb) is never decoded. Anything
 * ImageIO cannot read, or a native image built without AWT, gives no thumbnail rather than a failed upload.
 */
final class Thumbnails {

    private static final Logger LOG = Logger.getLogger(Thumbnails.class);

    record Result(int width, int height, byte[] jpeg) {
    }

    static {
        ImageIO.setUseCache(false); // decode in memory: no temporary files under the pod's /tmp
    }

    private Thumbnails() {
    }

    static boolean isImage(String contentType) {
        return contentType.startsWith("image/");
    }

    /** The image's size and thumbnail; empty when it cannot be read or has more than {@code maxPixels}. */
    static Optional<Result> of(InputStream bytes, int maxEdge, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(bytes)) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels || width < 1 || height < 1) {
                    return Optional.empty();
                }
                BufferedImage image = reader.read(0);
                return Optional.of(new Result(width, height, jpeg(scaled(image, maxEdge))));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.debugf(e, "No thumbnail: the image could not be read");
            return Optional.empty();
        }
    }

    private static BufferedImage scaled(BufferedImage image, int maxEdge) {
        double scale = Math.min(1.0, (double) maxEdge / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(java.awt.Color.WHITE); // JPEG has no transparency: transparent pixels become white
            g.fillRect(0, 0, width, height);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return thumbnail;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpg", out)) {
            throw new IOException("No JPEG writer");
        }
        return out.toByteArray();
    }
}
