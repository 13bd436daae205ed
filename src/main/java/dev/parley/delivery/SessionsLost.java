package dev.parley.delivery;

import java.util.List;

/**
 * CDI event: the registry forgot these users' connections on a pod that died (not closed one by one, so no
 * {@link LocalConnections.UserConnections} event came). Some may still be connected elsewhere.
 */
public record SessionsLost(List<String> userIds) {
}
