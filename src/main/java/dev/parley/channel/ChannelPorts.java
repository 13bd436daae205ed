package dev.parley.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.parley.config.ParleyConfig;

/** Chooses how membership changes reach every pod's copy, for the configured mode; the other is never built. */
@ApplicationScoped
public class ChannelPorts {

    @Produces
    @ApplicationScoped
    MembershipChanges membershipChanges(ParleyConfig config, Instance<LocalMembershipChanges> local,
            Instance<BusMembershipChanges> bus) {
        return config.mode() == ParleyConfig.Mode.CLUSTER ? bus.get() : local.get();
    }
}
