package dev.parley.block;

/**
 * A block was added ({@code blocked} true) or lifted: fired after it is committed, so channel and presence can act on
 * it (close or reopen the pair's direct chat, stop the blocked user watching the blocker's presence).
 */
public record UserBlocked(String blockerId, String blockedId, boolean blocked) {
}
