package dev.parley.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** New ticket values for every {@link TicketStore} adapter: 256 random bits, URL-safe, unguessable. */
final class TicketValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketValues() {
    }

    static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
