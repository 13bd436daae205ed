package dev.parley.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Small per-address budgets, so a test can spend them (tests otherwise sign up many users from one address). */
public class AuthLimitsProfile implements QuarkusTestProfile {

    static final Map<String, String> BUDGETS = Map.of("parley.limits.login-per-address-burst", "5",
            "parley.limits.signup-per-address-burst", "5", "parley.limits.login-per-username-burst", "10");

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
