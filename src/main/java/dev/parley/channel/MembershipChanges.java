package dev.parley.channel;

/**
 * Port: tells every pod that a channel's members changed (after the change is committed), so each drops its copy in
 * {@link ChannelMembers}. Embedded: this process only. Cluster: this pod at once, the others over the pod bus, ahead
 * of any frame announcing the change, so a client that hears of the change finds it in force.
 */
public interface MembershipChanges {

    void changed(String channelId);
}
