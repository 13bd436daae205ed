package dev.parley.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Budgets small enough for a test to spend, and rates slow enough (one an hour) that no refill during a test can
 * hide a refusal, however slow the machine: tests otherwise sign up many users from one address. Tests under this
 * profile sign up at most 5 users from 127.0.0.1; the rest say where they come from in X-Forwarded-For.
 */
public class LimitsProfile implements QuarkusTestProfile {

    static final Map<String, String> BUDGETS = Map.ofEntries(Map.entry("parley.limits.login-per-address-burst", "5"),
            Map.entry("parley.limits.signup-per-address-burst", "5"),
            Map.entry("parley.limits.login-per-username-burst", "10"),
            Map.entry("parley.limits.max-connections-per-user", "3"), Map.entry("parley.limits.frames-burst", "5"),
            Map.entry("parley.limits.frames-per-second", "0.0003"),
            Map.entry("parley.limits.login-per-address-per-second", "0.0003"),
            Map.entry("parley.limits.login-per-username-per-second", "0.0003"),
            Map.entry("parley.limits.signup-per-address-per-second", "0.0003"),
            Map.entry("parley.channels.max-per-user", "3"), Map.entry("parley.media.upload-burst", "3"),
            Map.entry("parley.media.uploads-per-second", "0.0003"));

    @Override
    public Map<String, String> getConfigOverrides() {
        return BUDGETS;
    }

    /** The same in cluster mode: budgets in Redis. */
    public static class InCluster extends ClusterProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return BUDGETS;
        }
    }
}
