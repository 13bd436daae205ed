package dev.parley.auth;

import java.time.Clock;
import java.time.Duration;

class InMemoryTicketStoreTest extends TicketStoreContract {

    @Override
    protected TicketStore store(Duration ttl) {
        return new InMemoryTicketStore(ttl, Clock.systemUTC());
    }
}
