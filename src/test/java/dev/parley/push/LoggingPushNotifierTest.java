package dev.parley.push;

class LoggingPushNotifierTest extends PushNotifierContract {

    @Override
    protected PushNotifier notifier() {
        return new LoggingPushNotifier();
    }
}
