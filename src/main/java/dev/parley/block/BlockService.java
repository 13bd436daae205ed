package dev.parley.block;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.parley.account.AccountRepository;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.UniqueViolations;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Blocks: a user's say over who may reach them. A blocked user cannot open a direct chat with the blocker, add them
 * to a group, see their presence or send into their direct chat (which closes for both until the block is lifted).
 * Groups both were already in stay shared spaces: leaving is the blocker's choice.
 */
@ApplicationScoped
public class BlockService {

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record BlockView(String userId, Instant blockedAt) {
    }

    private final BlockRepository blocks;
    private final AccountRepository accounts;
    private final Event<UserBlocked> events;

    BlockService(BlockRepository blocks, AccountRepository accounts, Event<UserBlocked> events) {
        this.blocks = blocks;
        this.accounts = accounts;
        this.events = events;
    }

    /** Blocking someone already blocked changes nothing. */
    public void block(String blockerId, String blockedId) {
        if (blockerId.equals(blockedId)) {
            throw new DomainException(ErrorCode.INVALID_REQUEST, "You cannot block yourself.");
        }
        boolean added;
        try {
            added = QuarkusTransaction.requiringNew().call(() -> {
                if (accounts.findByIdOptional(blockedId).isEmpty()) {
                    throw new DomainException(ErrorCode.USER_NOT_FOUND, "No such user.");
                }
                if (blocks.findByIdOptional(new Block.Key(blockerId, blockedId)).isPresent()) {
                    return false;
                }
                Block block = new Block();
                block.blockerId = blockerId;
                block.blockedId = blockedId;
                block.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                blocks.persist(block);
                return true;
            });
        } catch (RuntimeException e) {
            if (!UniqueViolations.lostARace(e)) {
                throw e;
            }
            added = false; // the same block, sent twice at once: the other one stands
        }
        if (added) {
            events.fire(new UserBlocked(blockerId, blockedId, true));
        }
    }

    /** Lifting a block that does not exist changes nothing. */
    public void unblock(String blockerId, String blockedId) {
        boolean removed = QuarkusTransaction.requiringNew()
                .call(() -> blocks.deleteById(new Block.Key(blockerId, blockedId)));
        if (removed) {
            events.fire(new UserBlocked(blockerId, blockedId, false));
        }
    }

    public List<BlockView> blockedBy(String blockerId) {
        return QuarkusTransaction.requiringNew().call(() -> blocks.ofBlocker(blockerId).stream()
                .map(block -> new BlockView(block.blockedId, block.createdAt)).toList());
    }

    /** True when either user blocks the other. Joins the caller's transaction if there is one. */
    public boolean eitherWay(String userA, String userB) {
        return QuarkusTransaction.joiningExisting().call(() -> blocks.eitherWay(userA, userB));
    }

    /** Those of the users who block the given one. Joins the caller's transaction if there is one. */
    public Set<String> whoBlock(String blockedId, Collection<String> userIds) {
        return QuarkusTransaction.joiningExisting().call(() -> blocks.whoBlock(blockedId, userIds));
    }
}
