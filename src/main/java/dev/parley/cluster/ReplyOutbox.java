package dev.parley.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The answers of one poll of the requests topic that go to other pods: written as they come, but every answer that
 * came while the last record was being written goes in the next one, one record per asking pod (smart batching:
 * nothing waits for a batch to fill, and the busier the pod, the larger the batches). The poll's own thread does the
 * writing ({@link #sendUntil}), time it used to spend waiting for the answers. Holds at most one answer per request
 * of the poll (max.poll.records) and nothing once the poll is answered, so it needs no bound of its own.
 */
final class ReplyOutbox {

    /** A record holding more than one answer stays under this many chars: records are at most 2 MB, a char 3 bytes. */
    static final int MAX_BATCH_CHARS = 256 * 1024;

    /** Writes one record of answers to an asking pod; never waits. */
    interface Writer {
        void write(int asker, ReplyBatch batch);
    }

    private record Ready(int asker, String requestId, String answer) {
    }

    private static final Object ANSWERED = new Object();

    private final BlockingQueue<Object> ready = new LinkedBlockingQueue<>();
    private final Writer writer;

    ReplyOutbox(Writer writer) {
        this.writer = writer;
    }

    /** From any thread: the answer goes out with the next record to its asker. */
    void add(int asker, String requestId, String answer) {
        ready.add(new Ready(asker, requestId, answer));
    }

    /**
     * On the poll's thread: writes the answers as they come until {@code answered} completes (however it completes),
     * then the last of them.
     */
    void sendUntil(CompletableFuture<?> answered) {
        answered.whenComplete((value, failure) -> ready.add(ANSWERED));
        boolean interrupted = false;
        List<Object> taken = new ArrayList<>();
        boolean done = false;
        while (!done) {
            try {
                taken.add(ready.take());
            } catch (InterruptedException e) {
                interrupted = true; // the answers still go out: their askers are waiting for them
                answered.handle((value, failure) -> null).join();
            }
            ready.drainTo(taken);
            done = taken.remove(ANSWERED);
            write(taken);
            taken.clear();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<Object> taken) {
        Map<Integer, List<Ready>> byAsker = new LinkedHashMap<>();
        for (Object item : taken) {
            Ready answer = (Ready) item;
            byAsker.computeIfAbsent(answer.asker(), asker -> new ArrayList<>()).add(answer);
        }
        byAsker.forEach((asker, answers) -> {
            List<String> ids = new ArrayList<>();
            List<String> values = new ArrayList<>();
            int chars = 0;
            for (Ready answer : answers) {
                if (!ids.isEmpty() && chars + answer.answer().length() > MAX_BATCH_CHARS) {
                    writer.write(asker, new ReplyBatch(ids, values));
                    ids = new ArrayList<>();
                    values = new ArrayList<>();
                    chars = 0;
                }
                ids.add(answer.requestId());
                values.add(answer.answer());
                chars += answer.answer().length();
            }
            writer.write(asker, new ReplyBatch(ids, values));
        });
    }
}
