package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What every {@link PushNotifier} adapter must do with a live device of either platform; run against each. */
public abstract class PushNotifierContract {

    protected abstract PushNotifier notifier();

    private static Device device(String platform) {
        Device device = new Device();
        device.token = platform + "-contract-" + UUID.randomUUID();
        device.userId = UUID.randomUUID().toString();
        device.platform = platform;
        device.createdAt = Instant.now();
        return device;
    }

    @Test
    void sendsToANewDeviceOfEachPlatformAndAgainLater() {
        PushMessage message = new PushMessage("Ann", "hello \uD83D\uDE00", "channel-1", 7, 3);
        for (String platform : new String[] { Device.APNS, Device.FCM }) {
            Device device = device(platform);
            assertThat(notifier().push(device, message)).as(platform).isEqualTo(PushNotifier.Outcome.SENT);
            assertThat(notifier().push(device, message)).as(platform + ", again").isEqualTo(PushNotifier.Outcome.SENT);
        }
    }
}
