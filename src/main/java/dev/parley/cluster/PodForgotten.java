package dev.parley.cluster;

/**
 * CDI event, fired asynchronously by the heartbeat: Redis no longer held this pod incarnation (it restarted empty, failed
 * over, or another pod took this one for dead after a pause and cleaned up after it). Features that keep per-pod
 * data in Redis observe it and write what this pod holds again, so routing heals within a heartbeat.
 */
public record PodForgotten(String incarnation) {
}
