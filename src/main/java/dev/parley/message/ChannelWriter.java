package dev.parley.message;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.parley.channel.ChannelService;
import dev.parley.delivery.DeliveryBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores one message, hands it to every member's connections and announces it ({@link MessageStored}). Callers run
 * it for one channel at a time (see {@link SendPipeline}), which is what keeps live delivery in seq order.
 */
@ApplicationScoped
public class ChannelWriter {

    private final MessageStore store;
    private final ChannelService channels;
    private final DeliveryBroker broker;
    private final Event<MessageStored> stored;
    private final Counter storedCount;
    private final Counter duplicates;

    ChannelWriter(MessageStore store, ChannelService channels, DeliveryBroker broker, Event<MessageStored> stored,
            MeterRegistry metrics) {
        this.store = store;
        this.channels = channels;
        this.broker = broker;
        this.stored = stored;
        this.storedCount = metrics.counter("parley.messages.stored");
        this.duplicates = metrics.counter("parley.messages.duplicates");
    }

    public Appended write(NewMessage message) {
        Appended appended = store.append(message);
        if (appended.duplicate()) {
            duplicates.increment();
            return appended;
        }
        storedCount.increment();
        List<String> members = channels.memberIds(message.channelId());
        broker.deliver(members, MessageFrame.of(appended.message()));
        stored.fire(new MessageStored(appended.message(), members));
        return appended;
    }
}
