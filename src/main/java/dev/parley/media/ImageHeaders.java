package dev.parley.media;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An image's width and height read from its header alone, for PNG, GIF, JPEG and WebP, without decoding it and
 * without AWT (so a native executable measures images too). JPEG's size is in its first SOF segment, after any
 * number of others (EXIF and its preview can be large): segments are skipped by their lengths, not read.
 */
final class ImageHeaders {

    record Size(int width, int height) {
    }

    private ImageHeaders() {
    }

    static Optional<Size> of(InputStream stream) {
        try {
            DataInputStream in = new DataInputStream(stream);
            byte[] start = new byte[12];
            in.readFully(start);
            if (startsWith(start, 0x89, 'P', 'N', 'G')) {
                in.skipNBytes(4); // IHDR's length and type follow the 8-byte signature
                return positive(in.readInt(), in.readInt());
            }
            if (startsWith(start, 'G', 'I', 'F', '8')) {
                return positive(littleEndian(start[6], start[7]), littleEndian(start[8], start[9]));
            }
            if (startsWith(start, 'R', 'I', 'F', 'F') && start[8] == 'W' && start[9] == 'E' && start[10] == 'B'
                    && start[11] == 'P') {
                return webp(in);
            }
            if ((start[0] & 0xff) == 0xff && (start[1] & 0xff) == 0xd8) {
                return jpeg(in, start);
            }
            return Optional.empty();
        } catch (IOException e) { // EOFException included: a truncated header measures nothing
            return Optional.empty();
        }
    }

    private static Optional<Size> webp(DataInputStream in) throws IOException {
        byte[] chunk = new byte[4];
        in.readFully(chunk);
        in.skipNBytes(4); // the chunk's size
        String type = new String(chunk, java.nio.charset.StandardCharsets.US_ASCII);
        byte[] b = new byte[10];
        in.readFully(b);
        return switch (type) {
            case "VP8X" -> positive(1 + (u(b[4]) | u(b[5]) << 8 | u(b[6]) << 16), 1 + (u(b[7]) | u(b[8]) << 8 | u(b[9]) << 16));
            case "VP8L" -> { // after the 0x2f signature: 14 bits of width - 1, 14 bits of height - 1
                int bits = u(b[1]) | u(b[2]) << 8 | u(b[3]) << 16 | u(b[4]) << 24;
                yield positive((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
            }
            case "VP8 " -> positive(littleEndian(b[6], b[7]) & 0x3fff, littleEndian(b[8], b[9]) & 0x3fff);
            default -> Optional.empty();
        };
    }

    /** Walks the segments after SOI (whose first bytes are in {@code start}) to the first start-of-frame. */
    private static Optional<Size> jpeg(DataInputStream in, byte[] start) throws IOException {
        InputStream rest = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(start, 2, start.length - 2), in);
        DataInputStream segments = new DataInputStream(rest);
        for (int segment = 0; segment < 1000; segment++) {
            int marker = segments.readUnsignedByte();
            if (marker != 0xff) {
                return Optional.empty();
            }
            int type = segments.readUnsignedByte();
            while (type == 0xff) { // fill bytes
                type = segments.readUnsignedByte();
            }
            if (type == 0xd8 || (type >= 0xd0 && type <= 0xd7) || type == 0x01) {
                continue; // markers without a length
            }
            int length = segments.readUnsignedShort();
            boolean startOfFrame = type >= 0xc0 && type <= 0xcf && type != 0xc4 && type != 0xc8 && type != 0xcc;
            if (startOfFrame) {
                segments.skipNBytes(1); // sample precision
                int height = segments.readUnsignedShort();
                return positive(segments.readUnsignedShort(), height);
            }
            if (type == 0xd9 || type == 0xda || length < 2) {
                return Optional.empty(); // end of image, or the scan began without a frame header
            }
            segments.skipNBytes(length - 2);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u(byte b) {
        return b & 0xff;
    }

    private static int littleEndian(byte low, byte high) {
        return u(low) | u(high) << 8;
    }

    private static Optional<Size> positive(int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new Size(width, height)) : Optional.empty();
    }
}
