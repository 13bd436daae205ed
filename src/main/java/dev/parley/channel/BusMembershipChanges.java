package dev.parley.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.parley.cluster.InboxHandler;
import dev.parley.cluster.PodBus;
import dev.parley.cluster.PodDirectory;
import dev.parley.cluster.PodIdentity;

/**
 * Cluster adapter of {@link MembershipChanges}: drops this pod's copy, then tells every other live pod on the pod bus
 * (kind "members"), where this class, as the inbox handler of that kind, drops theirs. The bus keeps a pod's
 * messages in order, so the drop arrives before the frames that announce the change.
 */
@ApplicationScoped
@Typed({ BusMembershipChanges.class, InboxHandler.class })
public class BusMembershipChanges implements MembershipChanges, InboxHandler {

    static final String KIND = "members";

    private final ChannelMembers members;
    private final PodBus bus;
    private final PodDirectory pods;
    private final PodIdentity pod;

    BusMembershipChanges(ChannelMembers members, PodBus bus, PodDirectory pods, PodIdentity pod) {
        this.members = members;
        this.bus = bus;
        this.pods = pods;
        this.pod = pod;
    }

    @Override
    public void changed(String channelId) {
        members.forget(channelId);
        for (int other : pods.livePods()) {
            if (other != pod.index()) {
                bus.tell(other, KIND, channelId);
            }
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(String channelId) {
        members.forget(channelId);
    }
}
