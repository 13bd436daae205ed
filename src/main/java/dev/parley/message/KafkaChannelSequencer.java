package dev.parley.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.RequestHandler;
import dev.parley.common.JsonText;

/**
 * The cluster's writer of a channel: the pod bus hands it the sends of the channels whose partitions of the
 * requests topic this pod owns, one at a time per partition, in order; that is what makes each channel's seq
 * order, delivery order and history order one. Retries, dead letters and offsets are the bus's business; a send
 * handled twice (redelivered after a pod died) is stored at most once: see {@link MessageStore}.
 */
@ApplicationScoped
@Typed({ KafkaChannelSequencer.class, RequestHandler.class })
public class KafkaChannelSequencer implements RequestHandler {

    private final ChannelWriter writer;
    private final ObjectMapper json;

    KafkaChannelSequencer(ChannelWriter writer, ObjectMapper json) {
        this.writer = writer;
        this.json = json;
    }

    @Override
    public String answer(String channelId, String payload) {
        NewMessage message;
        try {
            message = JsonText.read(json, payload, NewMessage.class);
        } catch (IllegalArgumentException e) {
            throw new PoisonRequest("Unreadable send", e);
        }
        return JsonText.write(json, writer.write(message));
    }
}
