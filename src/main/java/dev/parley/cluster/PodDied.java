package dev.parley.cluster;

/**
 * CDI event: a pod incarnation stopped heartbeating and this pod claimed its clean-up (once in the cluster).
 * Features that keep per-pod data observe it and remove that pod's share.
 */
public record PodDied(String incarnation) {
}
