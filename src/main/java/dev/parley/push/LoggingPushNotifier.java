package dev.parley.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

/** Embedded adapter of {@link PushNotifier}: one clear log line per push, for development on one machine. */
@ApplicationScoped
@Typed(LoggingPushNotifier.class)
public class LoggingPushNotifier implements PushNotifier {

    private static final Logger LOG = Logger.getLogger(LoggingPushNotifier.class);

    @Override
    public Outcome push(Device device, PushMessage message) {
        LOG.infof("PUSH %s device …%s of user %s: \"%s\" — \"%s\" (channel %s, seq %d, badge %d)", device.platform,
                device.token.substring(Math.max(0, device.token.length() - 6)), device.userId, message.title(),
                message.body(), message.channelId(), message.seq(), message.badge());
        return Outcome.SENT;
    }
}
