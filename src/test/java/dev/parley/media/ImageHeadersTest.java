package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** Dimensions from headers alone, for every format a browser shows, and nothing from what is no image. */
class ImageHeadersTest {

    private static Optional<ImageHeaders.Size> of(byte[] bytes) {
        return ImageHeaders.of(new ByteArrayInputStream(bytes));
    }

    private static byte[] written(String format, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void pngGifAndJpegAsImageIoWritesThem() throws IOException {
        assertThat(of(written("png", 640, 480))).contains(new ImageHeaders.Size(640, 480));
        assertThat(of(written("gif", 31, 17))).contains(new ImageHeaders.Size(31, 17));
        assertThat(of(written("jpg", 1201, 799))).contains(new ImageHeaders.Size(1201, 799));
    }

    @Test
    void aJpegWhoseFrameComesAfterALargeExifSegment() throws IOException {
        byte[] jpeg = written("jpg", 300, 200);
        byte[] exif = new byte[60_000];
        ByteBuffer withExif = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
        withExif.put(jpeg, 0, 2).put((byte) 0xff).put((byte) 0xe1).putShort((short) (exif.length + 2)).put(exif)
                .put(jpeg, 2, jpeg.length - 2);
        assertThat(of(withExif.array())).contains(new ImageHeaders.Size(300, 200));
    }

    @Test
    void webpInItsThreeEncodings() {
        assertThat(of(webp("VP8X", new byte[] { 0, 0, 0, 0, (byte) 0x7f, 0x07, 0, (byte) 0x37, 0x04, 0 })))
                .contains(new ImageHeaders.Size(1920, 1080));
        int bits = (1920 - 1) | (1080 - 1) << 14;
        assertThat(of(webp("VP8L", new byte[] { 0x2f, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16),
                (byte) (bits >> 24), 0, 0, 0, 0, 0 }))).contains(new ImageHeaders.Size(1920, 1080));
        assertThat(of(webp("VP8 ", new byte[] { 0, 0, 0, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x07, 0x38, 0x04 })))
                .contains(new ImageHeaders.Size(1920, 1080));
    }

    @Test
    void nothingFromWhatIsNoImageOrIsCutShort() throws IOException {
        assertThat(of("%PDF-1.4 not an image at all".getBytes())).isEmpty();
        assertThat(of(new byte[] { (byte) 0x89, 'P', 'N', 'G' })).isEmpty();
        byte[] jpeg = written("jpg", 10, 10);
        assertThat(of(java.util.Arrays.copyOf(jpeg, 20))).isEmpty();
    }

    private static byte[] webp(String chunk, byte[] payload) {
        ByteBuffer bytes = ByteBuffer.allocate(20 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put("RIFF".getBytes()).putInt(12 + payload.length).put("WEBP".getBytes()).put(chunk.getBytes())
                .putInt(payload.length).put(payload);
        return bytes.array();
    }
}
