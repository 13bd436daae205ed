package dev.parley.push;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.parley.account.AccountRepository;
import dev.parley.channel.Channel;
import dev.parley.channel.ChannelHeads;
import dev.parley.channel.ChannelRepository;
import dev.parley.channel.Membership;
import dev.parley.channel.MembershipRepository;
import dev.parley.config.ParleyConfig;
import dev.parley.delivery.SessionRegistry;
import dev.parley.message.MessageStored;
import dev.parley.message.StoredMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Pushes a stored message to the members who have no live connection: each of their devices gets one notification,
 * unless they muted the channel or were pushed for it within the coalescing window. Runs off the send path, on
 * its own threads: a slow push service never delays a message.
 */
@ApplicationScoped
public class PushService {

    private static final Logger LOG = Logger.getLogger(PushService.class);
    static final int BODY_CODE_POINTS = 120;

    private final PushQueue workers;
    private final ParleyConfig config;
    private final SessionRegistry registry;
    private final PushGate gate;
    private final PushNotifier notifier;
    private final DeviceRepository devices;
    private final MembershipRepository memberships;
    private final ChannelRepository channels;
    private final AccountRepository accounts;
    private final ChannelHeads heads;
    private final Event<PushDispatched> dispatched;
    private final Event<PushRoundCompleted> completed;
    private final MeterRegistry metrics;
    private final io.micrometer.core.instrument.Counter shed;

    PushService(ParleyConfig config, SessionRegistry registry, PushGate gate, PushNotifier notifier,
            DeviceRepository devices, MembershipRepository memberships, ChannelRepository channels,
            AccountRepository accounts, ChannelHeads heads, Event<PushDispatched> dispatched,
            Event<PushRoundCompleted> completed, MeterRegistry metrics) {
        this.workers = new PushQueue(2, config.push().maxWaiting());
        this.shed = metrics.counter("parley.push.shed");
        metrics.gauge("parley.push.waiting", workers, PushQueue::waiting);
        this.completed = completed;
        this.config = config;
        this.registry = registry;
        this.gate = gate;
        this.notifier = notifier;
        this.devices = devices;
        this.memberships = memberships;
        this.channels = channels;
        this.accounts = accounts;
        this.heads = heads;
        this.dispatched = dispatched;
        this.metrics = metrics;
    }

    /**
     * Per stored message, at least once (a recent resend fires again; the gate, closed for the coalescing window
     * after a push, keeps that from pushing twice): the pushes are decided and sent on this service's threads. When
     * the live hand-off reached every member but the sender (the usual case), nothing is left to decide: the round
     * ends here, without a thread hop or a registry call.
     */
    void onMessageStored(@Observes MessageStored stored) {
        StoredMessage full = stored.message();
        Set<String> unreached = new HashSet<>(stored.members());
        unreached.remove(full.senderId());
        boolean reachKnown = stored.connected() != null;
        if (reachKnown) {
            unreached.removeAll(stored.connected());
        }
        if (unreached.isEmpty()) {
            completed.fire(new PushRoundCompleted(full.id(), full.channelId(), 0));
            return;
        }
        // The round keeps the preview only: a waiting round must not hold a 100,000-character text.
        StoredMessage message = new StoredMessage(full.id(), full.channelId(), full.seq(), full.senderId(),
                full.clientMsgId(), firstCodePoints(full.text(), BODY_CODE_POINTS), full.sentAt());
        workers.offer(() -> {
            int pushed = 0;
            try {
                pushed = pushFor(message, unreached, reachKnown);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Pushes for message %s failed", message.id());
            }
            completed.fire(new PushRoundCompleted(message.id(), message.channelId(), pushed));
        }, () -> {
            shed.increment();
            completed.fire(new PushRoundCompleted(message.id(), message.channelId(), 0));
        });
    }

    /** unreached: members other than the sender the hand-off did not reach; the registry is asked unless reachKnown. */
    private int pushFor(StoredMessage message, Set<String> unreached, boolean reachKnown) {
        Set<String> offline = unreached;
        if (!reachKnown) {
            registry.locate(offline).values().forEach(offline::removeAll);
        }
        if (offline.isEmpty()) {
            return 0;
        }
        offline.removeAll(QuarkusTransaction.requiringNew().call(() -> memberships.mutedMembers(message.channelId())));
        if (offline.isEmpty()) {
            return 0;
        }
        int pushed = 0;
        String title = QuarkusTransaction.requiringNew().call(() -> {
            Channel channel = channels.findById(message.channelId());
            return channel.isDirect() ? accounts.findById(message.senderId()).displayName : channel.name;
        });
        String body = firstCodePoints(message.text(), BODY_CODE_POINTS);
        for (String userId : offline) {
            if (!gate.tryOpen(userId, message.channelId(), config.push().coalesce())) {
                continue;
            }
            List<Device> targets = QuarkusTransaction.requiringNew().call(() -> devices.ofUser(userId));
            if (targets.isEmpty()) {
                continue;
            }
            PushMessage push = new PushMessage(title, body, message.channelId(), message.seq(), unreadCount(userId));
            for (Device device : targets) {
                pushed += send(message.id(), userId, device, push) ? 1 : 0;
            }
        }
        return pushed;
    }

    private boolean send(String messageId, String userId, Device device, PushMessage push) {
        try {
            PushNotifier.Outcome outcome = notifier.push(device, push);
            if (outcome == PushNotifier.Outcome.DEVICE_GONE) {
                QuarkusTransaction.requiringNew().run(() -> devices.deleteById(device.token));
            }
            metrics.counter("parley.push", "outcome", outcome.name().toLowerCase()).increment();
            dispatched.fire(new PushDispatched(messageId, userId, device.token, device.platform, push, outcome));
            return true;
        } catch (RuntimeException e) {
            metrics.counter("parley.push", "outcome", "failed").increment();
            LOG.warnf(e, "Push to a %s device of %s failed", device.platform, userId);
            return false;
        }
    }

    /** Messages after the user's read marker, over all their channels. */
    private long unreadCount(String userId) {
        List<Membership> mine = QuarkusTransaction.requiringNew().call(() -> memberships.ofUser(userId));
        var lastSeqs = heads.lastSeqs(mine.stream().map(m -> m.channelId).toList());
        return mine.stream().mapToLong(m -> Math.max(0, lastSeqs.getOrDefault(m.channelId, 0L) - m.readSeq)).sum();
    }

    static String firstCodePoints(String text, int count) {
        int end = text.offsetByCodePoints(0, Math.min(count, text.codePointCount(0, text.length())));
        return text.substring(0, end);
    }

    @PreDestroy
    void stop() {
        workers.stop();
    }
}
