package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;

/**
 * Why the send path hands its trace on as an argument ({@link SendPipeline#submit}) instead of making it current where
 * the rate-limit answer arrives. Under Quarkus's context storage, a trace made current on a thread running a Vert.x
 * duplicated context lives in that context, which a socket's frame worker shares: the worker closing its own scope
 * resets it under the event loop's feet. A send handed on there went to the sequencer without its trace (seen once,
 * as ClusterIT's tracing test failing on a fresh clone). This pins that behaviour: if it ever fails, the storage
 * changed and the explicit trace is merely tidy, no longer needed.
 */
class TraceOnEventLoopTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aTraceMadeCurrentOnTheEventLoopIsResetByTheWorkerSharingItsContext() throws Exception {
        io.vertx.core.Context socket = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        Span send = Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault()));
        CountDownLatch workerAttached = new CountDownLatch(1);
        CountDownLatch loopAttached = new CountDownLatch(1);
        CountDownLatch workerClosed = new CountDownLatch(1);
        CompletableFuture<Span> seenOnTheLoop = new CompletableFuture<>();

        // The frame's worker: the send's span current while it hands the send on, then its scope closes.
        socket.executeBlocking(() -> {
            Scope frame = Context.root().with(send).makeCurrent();
            workerAttached.countDown();
            await(loopAttached);
            frame.close();
            workerClosed.countDown();
            return null;
        }, false);
        await(workerAttached);
        // The budget's answer, on the event loop: the same trace made current there, read after the worker closed.
        socket.runOnContext(ignored -> {
            try (Scope answer = Context.root().with(send).makeCurrent()) {
                loopAttached.countDown();
                await(workerClosed);
                seenOnTheLoop.complete(Span.fromContext(Context.current()));
            } catch (RuntimeException e) {
                seenOnTheLoop.completeExceptionally(e);
            }
        });

        Span seen = seenOnTheLoop.get(10, TimeUnit.SECONDS);
        assertThat(seen.getSpanContext().isValid()).as("the trace current on the event loop, inside its own scope")
                .isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
