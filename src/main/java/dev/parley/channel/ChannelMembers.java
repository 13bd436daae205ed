package dev.parley.channel;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.parley.block.BlockService;
import dev.parley.config.ParleyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Each channel's members as this pod last read them, for the send path (may this user send here? whom to deliver
 * to? has a block closed this direct chat?), so a send reads no membership from PostgreSQL. Bounded (least used channels are dropped and read again).
 * Kept right by {@link MembershipChanges}: every change is committed first, then dropped from every pod's copy. A
 * drop waits for a read of the same channel in progress, so a read that began before the commit cannot leave an
 * old list behind.
 */
@ApplicationScoped
public class ChannelMembers {

    /** The members, and whether a block between the two people of a direct chat closed it to sends. */
    private record Roster(List<String> memberIds, boolean closedByBlock) {
    }

    private final MembershipRepository memberships;
    private final ChannelRepository channels;
    private final BlockService blocks;
    private final Cache<String, Roster> members;

    ChannelMembers(MembershipRepository memberships, ChannelRepository channels, BlockService blocks,
            ParleyConfig config, MeterRegistry metrics) {
        this.memberships = memberships;
        this.channels = channels;
        this.blocks = blocks;
        this.members = Caffeine.newBuilder().maximumSize(config.channels().membersCacheSize()).recordStats().build();
        CaffeineCacheMetrics.monitor(metrics, members, "parley.channel.members");
    }

    /** The channel's member ids, in joining order; empty for a channel that does not exist. */
    public List<String> of(String channelId) {
        return roster(channelId).memberIds();
    }

    /** A direct chat in which either person blocks the other: nobody may send or type in it. */
    public boolean isClosedByBlock(String channelId) {
        return roster(channelId).closedByBlock();
    }

    private Roster roster(String channelId) {
        return members.get(channelId, id -> QuarkusTransaction.requiringNew().call(() -> {
            List<String> memberIds = memberships.memberIds(id);
            boolean closed = channels.findByIdOptional(id).filter(Channel::isDirect)
                    .map(direct -> direct.directKey.split(":"))
                    .map(pair -> blocks.eitherWay(pair[0], pair[1])).orElse(false);
            return new Roster(memberIds, closed);
        }));
    }

    /** The member ids if this pod holds them; empty when reading them would block (not held, or being read). */
    public Optional<List<String>> ifHeld(String channelId) {
        return Optional.ofNullable(members.getIfPresent(channelId)).map(Roster::memberIds);
    }

    public boolean isMember(String channelId, String userId) {
        return of(channelId).contains(userId);
    }

    /** Forgets this pod's copy; the next read goes to PostgreSQL. */
    void forget(String channelId) {
        members.invalidate(channelId);
    }
}
