package dev.parley.cluster;

/**
 * CDI event: this pod is leaving the cluster cleanly (shutdown), its inbox still running. Features that keep
 * per-pod data observe it and remove this pod's share at once rather than wait for the heartbeat to lapse.
 */
public record PodLeaving(String incarnation) {
}
