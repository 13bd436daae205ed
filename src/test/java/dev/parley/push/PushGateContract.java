package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.parley.support.Waits;

/** What every {@link PushGate} adapter must do; run against each adapter. */
public abstract class PushGateContract {

    protected abstract PushGate gate();

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void opensOncePerUserAndChannelWithinTheWindow() {
        String ann = newId();
        String bob = newId();
        String channel = newId();
        Duration window = Duration.ofMinutes(1);
        assertThat(gate().tryOpen(ann, channel, window)).isTrue();
        assertThat(gate().tryOpen(ann, channel, window)).isFalse();
        assertThat(gate().tryOpen(ann, newId(), window)).as("another channel").isTrue();
        assertThat(gate().tryOpen(bob, channel, window)).as("another user").isTrue();
    }

    @Test
    void opensAgainOnceTheWindowHasPassed() {
        String ann = newId();
        String channel = newId();
        Duration window = Duration.ofMillis(300);
        assertThat(gate().tryOpen(ann, channel, window)).isTrue();
        Waits.until(() -> gate().tryOpen(ann, channel, window), "the window to pass");
    }
}
