package dev.parley.channel;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, Membership.Key> {

    public Optional<Membership> find(String channelId, String userId) {
        return findByIdOptional(new Membership.Key(channelId, userId));
    }

    public boolean isMember(String channelId, String userId) {
        return count("channelId = ?1 and userId = ?2", channelId, userId) > 0;
    }

    public List<Membership> ofChannel(String channelId) {
        return list("channelId", Sort.by("joinedAt").and("userId"), channelId);
    }

    public List<Membership> ofChannels(Collection<String> channelIds) {
        return channelIds.isEmpty() ? List.of() : list("channelId in ?1", Sort.by("joinedAt").and("userId"), channelIds);
    }

    public List<String> memberIds(String channelId) {
        return ofChannel(channelId).stream().map(m -> m.userId).toList();
    }

    public List<Membership> ofUser(String userId) {
        return list("userId", userId);
    }

    /**
     * Those of the given users who share at least one channel with the caller and do not block the caller (the caller
     * included).
     */
    public java.util.Set<String> visibleTo(String callerId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> visible = new java.util.HashSet<>(getEntityManager().createQuery(
                "select distinct other.userId from Membership mine, Membership other "
                        + "where mine.userId = :caller and other.channelId = mine.channelId and other.userId in :ids "
                        + "and not exists (select b from Block b where b.blockerId = other.userId and b.blockedId = :caller)",
                String.class).setParameter("caller", callerId).setParameter("ids", userIds).getResultList());
        if (userIds.contains(callerId)) {
            visible.add(callerId);
        }
        return visible;
    }

    /** The other members of the user's direct channels. */
    public List<String> directPeers(String userId) {
        return getEntityManager().createQuery(
                "select other.userId from Membership mine, Membership other, Channel c "
                        + "where mine.userId = :user and c.id = mine.channelId and c.type = 'direct' "
                        + "and other.channelId = mine.channelId and other.userId <> :user",
                String.class).setParameter("user", userId).getResultList();
    }

    /** Members of the channel who muted it. */
    public java.util.Set<String> mutedMembers(String channelId) {
        return new java.util.HashSet<>(getEntityManager().createQuery(
                "select m.userId from Membership m where m.channelId = :channel and m.muted = true", String.class)
                .setParameter("channel", channelId).getResultList());
    }

    /** How many channels each of the users is in (users in none are left out). */
    public java.util.Map<String, Long> countChannelsOf(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Map.of();
        }
        return getEntityManager().createQuery(
                "select m.userId, count(m) from Membership m where m.userId in :ids group by m.userId", Object[].class)
                .setParameter("ids", userIds).getResultList().stream()
                .collect(java.util.stream.Collectors.toMap(row -> (String) row[0], row -> (Long) row[1]));
    }

    public long countMembers(String channelId) {
        return count("channelId", channelId);
    }

    /** Moves the read marker forward only; true when it moved. */
    public boolean advanceReadSeq(String channelId, String userId, long seq) {
        return update("readSeq = ?1 where channelId = ?2 and userId = ?3 and readSeq < ?1", seq, channelId, userId) > 0;
    }
}
