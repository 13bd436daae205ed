package dev.parley.channel;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.config.ParleyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Each channel's members as this pod last read them, for the send path (may this user send here? whom to deliver
 * to?), so a send reads no membership from PostgreSQL. Bounded (least used channels are dropped and read again).
 * Kept right by {@link MembershipChanges}: every change is committed first, then dropped from every pod's copy. A
 * drop waits for a read of the same channel in progress, so a read that began before the commit cannot leave an
 * old list behind.
 */
@ApplicationScoped
public class ChannelMembers {

    private final MembershipRepository memberships;
    private final Cache<String, List<String>> members;

    ChannelMembers(MembershipRepository memberships, ParleyConfig config, MeterRegistry metrics) {
        this.memberships = memberships;
        this.members = Caffeine.newBuilder().maximumSize(config.channels().membersCacheSize()).recordStats().build();
        CaffeineCacheMetrics.monitor(metrics, members, "parley.channel.members");
    }

    /** The channel's member ids, in joining order; empty for a channel that does not exist. */
    public List<String> of(String channelId) {
        return members.get(channelId, id -> QuarkusTransaction.requiringNew().call(() -> memberships.memberIds(id)));
    }

    public boolean isMember(String channelId, String userId) {
        return of(channelId).contains(userId);
    }

    /** Forgets this pod's copy; the next read goes to PostgreSQL. */
    void forget(String channelId) {
        members.invalidate(channelId);
    }
}
