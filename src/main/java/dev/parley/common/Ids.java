package dev.parley.common;

import java.util.UUID;

/** New opaque identifiers. Clients must treat ids as opaque strings. */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
