package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

/** Trace contexts survive the trip through Kafka headers: one per request, one per message of a block. */
class BusTracingTest {

    private final BusTracing tracing = new BusTracing(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());

    @Test
    void aRequestCarriesItsAskersTrace() {
        Span asked = tracing.start("ask", SpanKind.PRODUCER, Context.root());
        RecordHeaders headers = new RecordHeaders();
        tracing.inject(Context.root().with(asked), headers);

        assertThat(Span.fromContext(tracing.extract(headers)).getSpanContext().getSpanId())
                .isEqualTo(asked.getSpanContext().getSpanId());
    }

    @Test
    void aBlockCarriesEachTracedMessagesTraceAndNothingForTheUntraced() {
        Span first = tracing.start("first", SpanKind.CONSUMER, Context.root());
        Span third = tracing.start("third", SpanKind.CONSUMER, Context.root());
        RecordHeaders headers = new RecordHeaders();
        headers.add("parley-kind", "deliver".getBytes());
        tracing.injectEach(List.of(Context.root().with(first), Context.root(), Context.root().with(third)), headers);

        assertThat(tracing.extractEach(headers)).extracting(c -> Span.fromContext(c).getSpanContext().getTraceId())
                .containsExactly(first.getSpanContext().getTraceId(), third.getSpanContext().getTraceId());
        assertThat(tracing.extract(headers)).isSameAs(Context.root()); // not mistaken for a request's own trace
    }

    @Test
    void aRecordWithoutTracesYieldsNone() {
        assertThat(tracing.extractEach(new RecordHeaders())).isEmpty();
    }
}
