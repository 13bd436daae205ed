package dev.parley.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Carries trace contexts (W3C trace context, through the configured propagators) across the pod bus in Kafka
 * headers, and opens the spans of the work done for them. A record that stands for one request carries its context
 * under the propagator's own header names; a record that carries the frames of several messages (a channel's block)
 * carries one context per traced message, under {@code parley-trace-<i>-<name>}, so each message's trace reaches the
 * sockets of every pod it was delivered to. With the OpenTelemetry SDK off, contexts are empty and nothing is written.
 */
@ApplicationScoped
public class BusTracing {

    private static final String EACH_PREFIX = "parley-trace-";

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    BusTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.parley");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** A span of work done for the given trace (the root context: a new trace, if the sampler takes it). */
    public Span start(String name, SpanKind kind, Context parent) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    }

    /** Runs the work once inside one span per trace (the same work serves all of them: a block's delivery). */
    public void inSpans(String name, List<Context> traces, Runnable work) {
        List<Span> spans = new ArrayList<>(traces.size());
        traces.forEach(trace -> spans.add(start(name, SpanKind.CONSUMER, trace)));
        try {
            work.run();
        } catch (RuntimeException e) {
            spans.forEach(span -> span.recordException(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    void inject(Context trace, Headers headers) {
        propagator.inject(trace, headers, (carrier, name, value) -> carrier.add(name, bytes(value)));
    }

    Context extract(Headers headers) {
        return propagator.extract(Context.root(), headers, KafkaHeaders.ALL);
    }

    /** Only the traced ones are written: a root context (nothing sampled) carries no headers. */
    void injectEach(List<Context> traces, Headers headers) {
        for (int i = 0; i < traces.size(); i++) {
            String prefix = EACH_PREFIX + i + "-";
            propagator.inject(traces.get(i), headers, (carrier, name, value) -> carrier.add(prefix + name, bytes(value)));
        }
    }

    List<Context> extractEach(Headers headers) {
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        for (Header header : headers) {
            if (header.key().startsWith(EACH_PREFIX)) {
                String rest = header.key().substring(EACH_PREFIX.length());
                int dash = rest.indexOf('-');
                if (dash > 0) {
                    byIndex.computeIfAbsent(Integer.valueOf(rest.substring(0, dash)), i -> new TreeMap<>())
                            .put(rest.substring(dash + 1), new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        List<Context> traces = new ArrayList<>(byIndex.size());
        byIndex.values().forEach(carrier -> traces.add(propagator.extract(Context.root(), carrier, MapGetter.ALL)));
        return traces;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private enum KafkaHeaders implements TextMapGetter<Headers> {
        ALL;

        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        ALL;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
