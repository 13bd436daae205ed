package dev.parley.message;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.cluster.PodBus;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import dev.parley.common.JsonText;
import dev.parley.config.ParleyConfig;
import io.opentelemetry.context.Context;

/**
 * Cluster adapter of {@link SendPipeline}: asks, over the pod bus, the {@link KafkaChannelSequencer} that owns the
 * channel (the requests topic is keyed by channel id) to store the message, and completes with its answer.
 */
@ApplicationScoped
@Typed(KafkaSendPipeline.class)
public class KafkaSendPipeline implements SendPipeline {

    private final PodBus bus;
    private final ObjectMapper json;
    private final Duration timeout;

    KafkaSendPipeline(PodBus bus, ObjectMapper json, ParleyConfig config) {
        this.bus = bus;
        this.json = json;
        this.timeout = config.cluster().sendTimeout();
    }

    @Override
    public CompletableFuture<Appended> submit(NewMessage message, Context trace) {
        return bus.ask(message.channelId(), JsonText.write(json, message), timeout, trace).handle((answer, failure) -> {
            if (failure != null) {
                throw new CompletionException(refusal(failure instanceof CompletionException ? failure.getCause() : failure));
            }
            return JsonText.read(json, answer, Appended.class);
        });
    }

    /** Whatever went wrong, nothing was acked: the client resends with the same clientMsgId and gets one message. */
    private static DomainException refusal(Throwable failure) {
        String what = failure instanceof PodBus.NotQueued ? "could not be queued"
                : failure instanceof TimeoutException ? "was not confirmed in time" : "could not be stored";
        return new DomainException(ErrorCode.INTERNAL, "the message " + what + "; resend it with the same clientMsgId");
    }
}
