package dev.parley.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;

/** Chooses the ticket store for the configured mode. */
@ApplicationScoped
public class AuthPorts {

    @Produces
    @ApplicationScoped
    TicketStore tickets(ParleyConfig config, Instance<InMemoryTicketStore> memory, Instance<RedisTicketStore> redis) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? redis.get() : memory.get();
    }
}
