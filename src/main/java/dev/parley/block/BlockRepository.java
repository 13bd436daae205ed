package dev.parley.block;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class BlockRepository implements PanacheRepositoryBase<Block, Block.Key> {

    /** True when either user blocks the other. */
    public boolean eitherWay(String userA, String userB) {
        return count("(blockerId = ?1 and blockedId = ?2) or (blockerId = ?2 and blockedId = ?1)", userA, userB) > 0;
    }

    /** Those of the users who block the given one. */
    public Set<String> whoBlock(String blockedId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(getEntityManager().createQuery(
                "select b.blockerId from Block b where b.blockedId = :blocked and b.blockerId in :ids", String.class)
                .setParameter("blocked", blockedId).setParameter("ids", userIds).getResultList());
    }

    public List<Block> ofBlocker(String blockerId) {
        return list("blockerId = ?1 order by createdAt", blockerId);
    }
}
