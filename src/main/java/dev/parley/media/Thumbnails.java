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
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ImageMode;

/**
 * A small JPEG of an image, with the JDK's own ImageIO (PNG, JPEG, GIF, BMP). The image is decoded subsampled, at
 * about twice the thumbnail's size, so a 40-megapixel photo costs a few megabytes of heap, not 160. The native
 * executable is built without AWT (quarkus-awt needs the JDK's AWT libraries beside the binary, which the image build
 * here cannot ship), so native pods make no thumbnails: images keep their dimensions ({@link ImageHeaders}) and are
 * shown from their own URL. Anything ImageIO cannot read gives no thumbnail rather than a failed upload.
 */
final class Thumbnails {

    private static final Logger LOG = Logger.getLogger(Thumbnails.class);
    /** True where ImageIO can run: on the JVM. */
    static final boolean AVAILABLE = ImageMode.current() != ImageMode.NATIVE_RUN;

    private Thumbnails() {
    }

    static boolean isImage(String contentType) {
        return contentType.startsWith("image/");
    }

    /** A JPEG of at most {@code maxEdge} pixels on its longest edge; empty when the image cannot be read. */
    static Optional<byte[]> of(InputStream bytes, ImageHeaders.Size size, int maxEdge) {
        if (!AVAILABLE) {
            return Optional.empty();
        }
        ImageIO.setUseCache(false); // decode in memory: no temporary files under the pod's /tmp
        try (ImageInputStream in = ImageIO.createImageInputStream(bytes)) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(size.width(), size.height()) / (2 * maxEdge));
                param.setSourceSubsampling(step, step, 0, 0);
                return Optional.of(jpeg(scaled(reader.read(0, param), maxEdge)));
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
