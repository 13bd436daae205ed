package dev.parley.push;

/**
 * Port: hands one notification to the platform. Embedded: a log line per push. Cluster: AWS SNS mobile push.
 */
public interface PushNotifier {

    enum Outcome {
        SENT,
        /** The platform says the token is dead (disabled or unknown): forget the device. */
        DEVICE_GONE
    }

    Outcome push(Device device, PushMessage message);
}
