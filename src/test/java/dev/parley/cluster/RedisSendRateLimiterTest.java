package dev.parley.cluster;

import jakarta.inject.Inject;

import dev.parley.limits.RedisSendRateLimiterAccess;
import dev.parley.limits.SendRateLimiter;
import dev.parley.limits.SendRateLimiterContract;
import dev.parley.support.ClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Redis;

@QuarkusTest
@TestProfile(ClusterProfile.class)
class RedisSendRateLimiterTest extends SendRateLimiterContract {

    @Inject
    Redis redis;

    @Override
    protected SendRateLimiter limiter(int burst, int perSecond) {
        return RedisSendRateLimiterAccess.create(redis, burst, perSecond);
    }
}
