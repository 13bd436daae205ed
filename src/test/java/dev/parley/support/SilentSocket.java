package dev.parley.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that opens its socket and then never reads: a phone that froze, a hostile client. A raw TCP
 * socket with a small receive buffer, so the server's writes back up quickly into the server's own memory.
 */
public final class SilentSocket implements AutoCloseable {

    private final Socket socket;

    public SilentSocket(URI wsUri, String token) {
        try {
            socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(wsUri.getHost(), wsUri.getPort()), 5000);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String upgrade = "GET " + wsUri.getRawPath() + " HTTP/1.1\r\n" + "Host: " + wsUri.getHost() + ":" + wsUri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n";
            socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
            String status = readHeaders(socket.getInputStream());
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IllegalStateException("The upgrade was refused: " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the upgrade answer up to the blank line, byte by byte, so that no frame after it is read. */
    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Closed during the upgrade: " + headers);
            }
            headers.append((char) b);
        }
        return headers.substring(0, headers.indexOf("\r\n"));
    }

    /**
     * Writes a WebSocket ping (masked, empty, as a client must) without reading anything: a client that keeps its
     * connection alive but never takes its frames, so only the slow-consumer bound can close it, not the idle sweep.
     */
    public void ping() {
        byte[] frame = new byte[6];
        frame[0] = (byte) 0x89; // FIN + ping
        frame[1] = (byte) 0x80; // masked, no payload
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, frame, 2, 4); // no payload to mask, but the key is part of the frame
        try {
            socket.getOutputStream().write(frame);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts reading at last and answers whether the server closed the connection (end of stream) within the
     * timeout; whatever was queued is read and thrown away.
     */
    public boolean drainUntilClosedByServer(Duration timeout) {
        try {
            socket.setSoTimeout(1000);
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[64 * 1024];
            while (System.nanoTime() < deadline) {
                try {
                    if (socket.getInputStream().read(buffer) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException quiet) {
                    // nothing yet: keep waiting for the end
                } catch (IOException reset) {
                    return true; // closed abruptly counts as closed
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
