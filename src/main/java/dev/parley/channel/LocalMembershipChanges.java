package dev.parley.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** Embedded adapter of {@link MembershipChanges}: the only copy is this process's. */
@ApplicationScoped
@Typed(LocalMembershipChanges.class)
public class LocalMembershipChanges implements MembershipChanges {

    private final ChannelMembers members;

    LocalMembershipChanges(ChannelMembers members) {
        this.members = members;
    }

    @Override
    public void changed(String channelId) {
        members.forget(channelId);
    }
}
