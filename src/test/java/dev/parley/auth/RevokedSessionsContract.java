package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.parley.support.Waits;

/** What every {@link RevokedSessions} adapter must do. */
abstract class RevokedSessionsContract {

    protected abstract RevokedSessions revoked();

    @Test
    void aLoggedOutSessionIsRevokedAndOthersAreNot() {
        String loggedOut = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        await(revoked().revoke(loggedOut, Instant.now().plus(Duration.ofHours(12))));
        assertThat(await(revoked().isRevoked(loggedOut))).isTrue();
        assertThat(await(revoked().isRevoked(other))).isFalse();
    }

    @Test
    void aRevocationIsForgottenOnceItsTokenHasExpiredAnyway() {
        String session = UUID.randomUUID().toString();
        Instant expires = Instant.now().plusMillis(300);
        await(revoked().revoke(session, expires));
        assertThat(await(revoked().isRevoked(session))).isTrue();
        // The in-memory list forgets expired ones when the next one is added; Redis expires the key itself.
        Waits.until(() -> {
            await(revoked().revoke(UUID.randomUUID().toString(), Instant.now().plusSeconds(60)));
            return Instant.now().isAfter(expires) && !await(revoked().isRevoked(session));
        }, "the expired revocation to be forgotten");
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }
}
