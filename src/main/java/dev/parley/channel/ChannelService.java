package dev.parley.channel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import dev.parley.account.AccountRepository;
import dev.parley.block.BlockService;
import dev.parley.block.UserBlocked;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.Ids;
import dev.parley.common.UniqueViolations;
import dev.parley.config.ParleyConfig;
import dev.parley.delivery.DeliveryBroker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Channels and who is in them. Changes are committed first and announced after, so a client that hears of a change
 * always finds it when it asks.
 */
@ApplicationScoped
public class ChannelService {

    public static final int MAX_MEMBERS = 100;

    /** created is false when a direct channel for the pair already existed. */
    public record DirectChannel(ChannelView view, boolean created) {
    }

    private final ChannelRepository channels;
    private final MembershipRepository memberships;
    private final AccountRepository accounts;
    private final ChannelHeads heads;
    private final DeliveryBroker broker;
    private final ChannelMembers members;
    private final MembershipChanges changes;
    private final BlockService blocks;
    private final int maxChannelsPerUser;

    ChannelService(ChannelRepository channels, MembershipRepository memberships, AccountRepository accounts,
            ChannelHeads heads, DeliveryBroker broker, ChannelMembers members, MembershipChanges changes,
            BlockService blocks, ParleyConfig config) {
        this.blocks = blocks;
        this.maxChannelsPerUser = config.channels().maxPerUser();
        this.members = members;
        this.changes = changes;
        this.channels = channels;
        this.memberships = memberships;
        this.accounts = accounts;
        this.heads = heads;
        this.broker = broker;
    }

    public DirectChannel openDirect(String callerId, List<String> memberIds) {
        Set<String> others = new LinkedHashSet<>(memberIds);
        others.remove(callerId);
        if (others.size() != 1) {
            throw new DomainException(ErrorCode.INVALID_MEMBERS, "A direct channel has exactly one other member.");
        }
        String otherId = others.iterator().next();
        requireAccounts(List.of(otherId));
        if (blocks.eitherWay(callerId, otherId)) {
            throw new DomainException(ErrorCode.BLOCKED, "A block stands between you and this user: no direct chat.");
        }
        boolean[] rejoined = { false };
        try {
            DirectChannel result = QuarkusTransaction.requiringNew().call(() -> {
                var existing = channels.findDirect(callerId, otherId);
                if (existing.isPresent()) {
                    // The caller left it before: back in (the other, if they left, stays out until they open it).
                    if (!memberships.isMember(existing.get().id, callerId)) {
                        requireRoomForChannels(List.of(callerId));
                        addMemberships(existing.get().id, List.of(callerId));
                        rejoined[0] = true;
                    }
                    return new DirectChannel(viewsFor(callerId, List.of(existing.get())).get(0), false);
                }
                requireRoomForChannels(List.of(callerId, otherId));
                Channel channel = newChannel(Channel.DIRECT, null, null);
                channel.directKey = Channel.directKey(callerId, otherId);
                channels.persist(channel);
                addMemberships(channel.id, List.of(callerId, otherId));
                channels.flush();
                return new DirectChannel(viewsFor(callerId, List.of(channel)).get(0), true);
            });
            if (result.created()) {
                changes.changed(result.view().id());
                announce(result.view().id(), List.of(callerId, otherId), ChannelEventFrame.JOINED);
            } else if (rejoined[0]) {
                changes.changed(result.view().id());
                announce(result.view().id(), List.of(callerId), ChannelEventFrame.JOINED);
                announce(result.view().id(), othersThan(result.view().id(), callerId), ChannelEventFrame.UPDATED);
            }
            return result;
        } catch (RuntimeException e) {
            if (!UniqueViolations.lostARace(e)) {
                throw e;
            }
            // The other user opened the same pair at the same moment: theirs stands.
            return QuarkusTransaction.requiringNew().call(() -> new DirectChannel(
                    viewsFor(callerId, List.of(channels.findDirect(callerId, otherId).orElseThrow())).get(0), false));
        }
    }

    public ChannelView createGroup(String callerId, String name, List<String> memberIds) {
        Set<String> members = new LinkedHashSet<>();
        members.add(callerId);
        members.addAll(memberIds);
        if (members.size() > MAX_MEMBERS) {
            throw tooManyMembers();
        }
        requireAccounts(members);
        requireNotBlockedBy(members, callerId);
        ChannelView view = QuarkusTransaction.requiringNew().call(() -> {
            requireRoomForChannels(members);
            Channel channel = newChannel(Channel.GROUP, name.strip(), callerId);
            channels.persist(channel);
            addMemberships(channel.id, members);
            channels.flush();
            return viewsFor(callerId, List.of(channel)).get(0);
        });
        changes.changed(view.id());
        announce(view.id(), members, ChannelEventFrame.JOINED);
        return view;
    }

    public List<ChannelView> list(String userId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> ids = memberships.ofUser(userId).stream().map(m -> m.channelId).toList();
            return viewsFor(userId, channels.withIds(ids));
        });
    }

    public ChannelView get(String userId, String channelId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            requireMember(channelId, userId);
            return viewsFor(userId, List.of(channels.findById(channelId))).get(0);
        });
    }

    /** Adds a user to a group; any member may add. Adding a member again changes nothing. */
    public ChannelView addMember(String callerId, String channelId, String userId) {
        requireAccounts(List.of(userId));
        requireNotBlockedBy(List.of(userId), callerId);
        boolean added = QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = lockGroup(channelId, callerId);
            if (memberships.isMember(channel.id, userId)) {
                return false;
            }
            if (memberships.countMembers(channel.id) >= MAX_MEMBERS) {
                throw tooManyMembers();
            }
            requireRoomForChannels(List.of(userId));
            addMemberships(channel.id, List.of(userId));
            return true;
        });
        if (added) {
            changes.changed(channelId);
            announce(channelId, List.of(userId), ChannelEventFrame.JOINED);
            announce(channelId, othersThan(channelId, userId), ChannelEventFrame.UPDATED);
        }
        return get(callerId, channelId);
    }

    /**
     * A member leaves a group or a direct chat, or a group's owner removes one. An owner who leaves hands the group to
     * the longest member. Who leaves a direct chat no longer gets its messages or shares presence through it, until
     * they open it again.
     */
    public void removeMember(String callerId, String channelId, String userId) {
        QuarkusTransaction.requiringNew().run(() -> {
            requireMember(channelId, callerId);
            Channel channel = channels.findById(channelId, LockModeType.PESSIMISTIC_WRITE);
            if (channel.isDirect() && !callerId.equals(userId)) {
                throw new DomainException(ErrorCode.DIRECT_CHANNEL, "In a direct chat you can only leave yourself.");
            }
            if (!callerId.equals(userId) && !callerId.equals(channel.ownerId)) {
                throw new DomainException(ErrorCode.NOT_OWNER, "Only the owner may remove other members.");
            }
            Membership leaving = memberships.find(channelId, userId).orElseThrow(() -> new DomainException(
                    ErrorCode.NOT_A_MEMBER, "That user is not a member of this channel."));
            memberships.delete(leaving);
            if (userId.equals(channel.ownerId)) {
                channel.ownerId = memberships.ofChannel(channelId).stream()
                        .filter(m -> !m.userId.equals(userId)).findFirst().map(m -> m.userId).orElse(null);
            }
        });
        changes.changed(channelId);
        broker.deliver(List.of(userId), new ChannelEventFrame(ChannelEventFrame.LEFT, channelId, null));
        announce(channelId, memberIds(channelId), ChannelEventFrame.UPDATED);
    }

    /** Mutes or unmutes pushes of the channel for the member. */
    public ChannelView setMuted(String userId, String channelId, boolean muted) {
        QuarkusTransaction.requiringNew().run(() -> {
            requireMember(channelId, userId);
            memberships.find(channelId, userId).orElseThrow().muted = muted;
        });
        return get(userId, channelId);
    }

    /** From this pod's copy of the members (see {@link ChannelMembers}): no database read on the send path. */
    public boolean isMember(String channelId, String userId) {
        return members.isMember(channelId, userId);
    }

    /** Whether the user owns this group (a direct chat has no owner). Reads the database. */
    public boolean isOwner(String channelId, String userId) {
        return QuarkusTransaction.joiningExisting().call(() -> channels.findByIdOptional(channelId)
                .map(channel -> userId.equals(channel.ownerId)).orElse(false));
    }

    /** From this pod's copy (see {@link ChannelMembers}): a direct chat closed by a block takes no sends. */
    public boolean isClosedByBlock(String channelId) {
        return members.isClosedByBlock(channelId);
    }

    public static DomainException closedByBlock() {
        return new DomainException(ErrorCode.BLOCKED, "a block closed this direct chat");
    }

    /** A block added or lifted closes or reopens the pair's direct chat on every pod. */
    void blockChanged(@Observes UserBlocked change) {
        QuarkusTransaction.requiringNew().call(() -> channels.findDirect(change.blockerId(), change.blockedId()))
                .ifPresent(direct -> changes.changed(direct.id));
    }

    /** 404 when the channel does not exist, 403 when the user is not in it. */
    public void requireMember(String channelId, String userId) {
        QuarkusTransaction.joiningExisting().run(() -> {
            if (memberships.isMember(channelId, userId)) {
                return;
            }
            if (channels.findByIdOptional(channelId).isEmpty()) {
                throw new DomainException(ErrorCode.CHANNEL_NOT_FOUND, "No such channel.");
            }
            throw new DomainException(ErrorCode.NOT_MEMBER, "You are not a member of this channel.");
        });
    }

    /** From this pod's copy of the members (see {@link ChannelMembers}). */
    public List<String> memberIds(String channelId) {
        return members.of(channelId);
    }

    /**
     * The same without blocking the caller: at once from this pod's copy, or read on a worker thread when the copy
     * does not hold the channel (for callers on an event loop).
     */
    public CompletableFuture<List<String>> memberIdsAsync(String channelId) {
        return members.ifHeld(channelId).map(CompletableFuture::completedFuture).orElseGet(() -> CompletableFuture
                .supplyAsync(() -> members.of(channelId), Infrastructure.getDefaultWorkerPool()));
    }

    /** Which of these channels the user is a member of. */
    public List<String> memberChannelIds(String userId, Collection<String> channelIds) {
        return QuarkusTransaction.requiringNew().call(() -> memberships.ofUser(userId).stream()
                .map(m -> m.channelId).filter(channelIds::contains).toList());
    }

    /** Moves the user's read marker forward (never past the last message) and tells the members. */
    public void markRead(String userId, String channelId, long seq) {
        long lastSeq = heads.lastSeqs(List.of(channelId)).getOrDefault(channelId, 0L);
        long target = Math.min(seq, lastSeq);
        Boolean moved = QuarkusTransaction.requiringNew().call(() -> {
            if (!memberships.isMember(channelId, userId)) {
                return null;
            }
            return memberships.advanceReadSeq(channelId, userId, target);
        });
        if (moved == null) {
            throw new DomainException(ErrorCode.NOT_MEMBER, "you are not a member of this channel");
        }
        if (moved) {
            broker.deliver(memberIds(channelId), new ReadFrame(channelId, userId, target));
        }
    }

    public void typing(String userId, String channelId) {
        List<String> members = memberIds(channelId);
        if (!members.contains(userId)) {
            throw new DomainException(ErrorCode.NOT_MEMBER, "you are not a member of this channel");
        }
        if (isClosedByBlock(channelId)) {
            throw closedByBlock();
        }
        broker.deliver(members.stream().filter(id -> !id.equals(userId)).toList(), new TypingFrame(channelId, userId));
    }

    private Channel lockGroup(String channelId, String callerId) {
        requireMember(channelId, callerId);
        Channel channel = channels.findById(channelId, LockModeType.PESSIMISTIC_WRITE);
        if (channel.isDirect()) {
            throw new DomainException(ErrorCode.DIRECT_CHANNEL, "A direct channel's members cannot change.");
        }
        return channel;
    }

    private List<String> othersThan(String channelId, String userId) {
        return memberIds(channelId).stream().filter(id -> !id.equals(userId)).toList();
    }

    /** Sends each recipient its own view of the channel (its own read marker), all read in one transaction. */
    private void announce(String channelId, Collection<String> recipients, String event) {
        Map<String, ChannelView> views = QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = channels.findById(channelId);
            List<Membership> members = memberships.ofChannel(channelId);
            long lastSeq = heads.lastSeqs(List.of(channelId)).getOrDefault(channelId, 0L);
            return recipients.stream().distinct()
                    .collect(Collectors.toMap(r -> r, r -> viewOf(channel, members, lastSeq, r)));
        });
        views.forEach((recipient, view) -> broker.deliver(List.of(recipient), new ChannelEventFrame(event, channelId, view)));
    }

    private void requireAccounts(Collection<String> userIds) {
        Set<String> found = QuarkusTransaction.requiringNew().call(() -> accounts.withIds(userIds).stream()
                .map(a -> a.id).collect(Collectors.toSet()));
        List<String> unknown = userIds.stream().filter(id -> !found.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new DomainException(ErrorCode.UNKNOWN_USER, "No such user: " + String.join(", ", unknown));
        }
    }

    private void addMemberships(String channelId, Collection<String> userIds) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (String userId : userIds) {
            Membership membership = new Membership();
            membership.channelId = channelId;
            membership.userId = userId;
            membership.joinedAt = now;
            memberships.persist(membership);
        }
    }

    private static Channel newChannel(String type, String name, String ownerId) {
        Channel channel = new Channel();
        channel.id = Ids.newId();
        channel.type = type;
        channel.name = name;
        channel.ownerId = ownerId;
        channel.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return channel;
    }

    private List<ChannelView> viewsFor(String userId, List<Channel> found) {
        List<String> ids = found.stream().map(c -> c.id).toList();
        Map<String, List<Membership>> membersByChannel = memberships.ofChannels(ids).stream()
                .collect(Collectors.groupingBy(m -> m.channelId));
        Map<String, Long> lastSeqs = heads.lastSeqs(ids);
        return found.stream()
                .map(channel -> viewOf(channel, membersByChannel.getOrDefault(channel.id, List.of()),
                        lastSeqs.getOrDefault(channel.id, 0L), userId))
                .sorted(Comparator.comparing(ChannelView::id)).toList();
    }

    private static ChannelView viewOf(Channel channel, List<Membership> members, long lastSeq, String userId) {
        Membership own = members.stream().filter(m -> m.userId.equals(userId)).findFirst().orElse(null);
        return new ChannelView(channel.id, channel.type, channel.name, channel.ownerId,
                members.stream().map(m -> m.userId).toList(), lastSeq, own == null ? 0 : own.readSeq,
                own != null && own.muted, members.stream().collect(Collectors.toMap(m -> m.userId, m -> m.readSeq)));
    }

    /** Refuses (403 blocked) when any of the users blocks the caller: nobody is pulled in by someone they block. */
    private void requireNotBlockedBy(Collection<String> userIds, String callerId) {
        Set<String> blockers = blocks.whoBlock(callerId, userIds);
        if (!blockers.isEmpty()) {
            throw new DomainException(ErrorCode.BLOCKED, "These users do not accept you adding them: "
                    + String.join(", ", blockers));
        }
    }

    /** Refuses (422 too_many_channels) when any of the users is already in as many channels as allowed. */
    private void requireRoomForChannels(Collection<String> userIds) {
        List<String> full = memberships.countChannelsOf(userIds).entrySet().stream()
                .filter(entry -> entry.getValue() >= maxChannelsPerUser).map(Map.Entry::getKey).sorted().toList();
        if (!full.isEmpty()) {
            throw new DomainException(ErrorCode.TOO_MANY_CHANNELS, "These users are in " + maxChannelsPerUser
                    + " channels already, the most allowed: " + String.join(", ", full));
        }
    }

    private static DomainException tooManyMembers() {
        return new DomainException(ErrorCode.TOO_MANY_MEMBERS, "A channel has at most " + MAX_MEMBERS + " members.");
    }

}
