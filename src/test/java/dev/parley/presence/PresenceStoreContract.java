package dev.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What every {@link PresenceStore} adapter must do; run against each adapter. */
public abstract class PresenceStoreContract {

    protected abstract PresenceStore store();

    private static String newUser() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aGraceRunsUntilItsOwnTokenEndsIt() {
        String ann = newUser();
        assertThat(store().inGrace(ann)).isFalse();
        store().startGrace(ann, "first", Duration.ofMinutes(1));
        assertThat(store().inGrace(ann)).isTrue();
        assertThat(store().endGrace(ann, "someone else's")).isFalse();
        assertThat(store().inGrace(ann)).isTrue();
        assertThat(store().endGrace(ann, "first")).isTrue();
        assertThat(store().inGrace(ann)).isFalse();
        assertThat(store().endGrace(ann, "first")).as("ended once only").isFalse();
    }

    @Test
    void aNewerGraceIsNotEndedByTheOlderToken() {
        String ann = newUser();
        store().startGrace(ann, "older", Duration.ofMinutes(1));
        store().startGrace(ann, "newer", Duration.ofMinutes(1));
        assertThat(store().endGrace(ann, "older")).isFalse();
        assertThat(store().inGrace(ann)).isTrue();
        store().cancelGrace(ann);
        assertThat(store().inGrace(ann)).isFalse();
        assertThat(store().endGrace(ann, "newer")).as("cancelled: nothing left to end").isFalse();
    }

    @Test
    void announcingSwapsTheLastStatusAndAnswersTheOneBefore() {
        String ann = newUser();
        String bob = newUser();
        assertThat(store().announce(ann, PresenceFrame.ONLINE)).isNull();
        assertThat(store().announce(ann, PresenceFrame.ONLINE)).isEqualTo(PresenceFrame.ONLINE);
        assertThat(store().announce(ann, PresenceFrame.OFFLINE)).isEqualTo(PresenceFrame.ONLINE);
        assertThat(store().announce(bob, PresenceFrame.OFFLINE)).as("users are independent").isNull();
        assertThat(store().announce(ann, PresenceFrame.ONLINE)).isEqualTo(PresenceFrame.OFFLINE);
    }

    @Test
    void aGraceOutlivesItsPlannedEndUntilItsOwnerEndsIt() throws InterruptedException {
        String ann = newUser();
        store().startGrace(ann, "short", Duration.ofMillis(50));
        Thread.sleep(300); // past the planned end, far inside the 5 s it may linger
        assertThat(store().inGrace(ann)).as("lapsed before its owner wrote lastActiveAt and ended it").isTrue();
        assertThat(store().endGrace(ann, "short")).isTrue();
    }
}
