package dev.parley.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers the tests start, taken below the kernel's ephemeral range. A port the kernel hands out with
 * {@code new ServerSocket(0)} is free only until the socket closes: the outgoing connections of the processes
 * starting meanwhile (Kafka clients, connection pools) take their local ports from that same range, so one of them
 * can hold the port by the time the server binds it, and the server exits with "address already in use". Below the
 * range, only another listener can take it.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;

    private FreePorts() {
    }

    /** A port nothing listens on now, outside the ephemeral range (any free port if that range leaves no room). */
    public static synchronized int next() {
        int ephemeralLow = ephemeralLow();
        for (int attempt = 0; attempt < 200 && ephemeralLow - LOWEST > 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralLow);
            if (bindable(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }
}
