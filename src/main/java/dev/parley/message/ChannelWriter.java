package dev.parley.message;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.ChannelService;
import dev.parley.delivery.DeliveryBroker;
import dev.parley.push.PushService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores one message and hands it to every member's connections. Callers run it for one channel at a time
 * (see {@link SendPipeline}), which is what keeps live delivery in seq order.
 */
@ApplicationScoped
public class ChannelWriter {

    private final MessageStore store;
    private final ChannelService channels;
    private final DeliveryBroker broker;
    private final PushService push;
    private final Counter stored;
    private final Counter duplicates;

    ChannelWriter(MessageStore store, ChannelService channels, DeliveryBroker broker, PushService push,
            MeterRegistry metrics) {
        this.push = push;
        this.store = store;
        this.channels = channels;
        this.broker = broker;
        this.stored = metrics.counter("parley.messages.stored");
        this.duplicates = metrics.counter("parley.messages.duplicates");
    }

    public SendResult write(NewMessage message) {
        MessageStore.Appended appended = store.append(message);
        if (appended.duplicate()) {
            duplicates.increment();
            return new SendResult(appended.message(), true);
        }
        stored.increment();
        List<String> members = channels.memberIds(message.channelId());
        broker.deliver(members, MessageFrame.of(appended.message()));
        push.messageStored(appended.message(), members);
        return new SendResult(appended.message(), false);
    }
}
