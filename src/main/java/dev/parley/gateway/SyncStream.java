package dev.parley.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.JsonText;
import dev.parley.config.ParleyConfig;
import dev.parley.delivery.SocketWriter;
import dev.parley.message.ChangedFrame;
import dev.parley.message.HistoryPage;
import dev.parley.message.MessageChangeService;
import dev.parley.message.MessageFrame;
import dev.parley.message.MessageService;
import dev.parley.message.StoredMessage;
import dev.parley.message.SyncPlan;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Answers a {@code sync} channel by channel and page by page: a page of {@code parley.messages.sync-page-size}
 * messages is read only once the previous one is written to the socket, so a sync holds one page in memory whatever
 * it covers, and a client that stops reading stalls its own sync, not the pod. No thread waits for the writes: the
 * next page is read when they complete. Live frames may interleave (clients apply messages by seq).
 * <p>
 * Pages are read on a pool of their own ({@code parley-sync}, {@value #READERS} threads): a page read blocks on the
 * store, and a reconnect storm's syncs must not take the workers that hand sends on. Its queue holds at most one
 * page per syncing connection ({@link SyncTurns}).
 */
@ApplicationScoped
class SyncStream {

    private final MessageService messages;
    private final MessageChangeService changes;
    private final SocketWriter writer;
    private final ObjectMapper json;
    private final int pageSize;
    private final int perChannel;
    static final int READERS = 8;
    private final ExecutorService reads = Executors.newFixedThreadPool(READERS, new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "parley-sync-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    SyncStream(MessageService messages, MessageChangeService changes, SocketWriter writer, ObjectMapper json, ParleyConfig config) {
        this.messages = messages;
        this.changes = changes;
        this.writer = writer;
        this.json = json;
        this.pageSize = config.messages().syncPageSize();
        this.perChannel = config.messages().syncLimit();
    }

    /**
     * Reads which channels the user may sync (blocking: call on a worker), then streams the missed messages, then the
     * changes after the change cursors; ends with {@code synced}.
     */
    CompletableFuture<Void> answer(WebSocketConnection connection, String userId, SyncRequest request) {
        // One membership read for both kinds of cursor.
        Map<String, Long> everyChannel = new java.util.LinkedHashMap<>(request.cursors());
        request.changeCursors().keySet().forEach(channelId -> everyChannel.putIfAbsent(channelId, 0L));
        SyncPlan plan = messages.planSync(userId, everyChannel);
        java.util.Set<String> readable = plan.cursors().keySet();
        List<String> truncated = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, Long> cursor : request.cursors().entrySet()) {
            if (readable.contains(cursor.getKey())) {
                done = done.thenCompose(ignored -> channel(connection, cursor.getKey(), cursor.getValue(), 0, truncated));
            }
        }
        Map<String, Long> changeCursors = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> changesTruncated = new CopyOnWriteArrayList<>();
        for (Map.Entry<String, Long> cursor : request.changeCursors().entrySet()) {
            if (readable.contains(cursor.getKey())) {
                done = done.thenCompose(ignored -> changes(connection, cursor.getKey(), cursor.getValue(), 0,
                        changeCursors, changesTruncated));
            }
        }
        List<String> notMember = plan.notMember();
        boolean askedForChanges = !request.changeCursors().isEmpty();
        return done.thenRun(() -> writer.send(connection, JsonText.write(json, new SyncedFrame(List.copyOf(truncated),
                notMember, askedForChanges ? new java.util.TreeMap<>(changeCursors) : null,
                askedForChanges ? List.copyOf(changesTruncated) : null))));
    }

    /** A channel's changed messages after the cursor, page by page like messages; records where it stopped. */
    private CompletableFuture<Void> changes(WebSocketConnection connection, String channelId, long afterChangeSeq,
            int sent, Map<String, Long> cursors, List<String> truncated) {
        if (!connection.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        int size = Math.min(pageSize, perChannel - sent);
        return CompletableFuture.supplyAsync(() -> changes.changesPage(channelId, afterChangeSeq, size), reads)
                .thenCompose(page -> writer.sendAll(connection, page.messages().stream()
                        .map(m -> JsonText.write(json, ChangedFrame.of(m))).toList()).thenCompose(ignored -> {
                            int total = sent + page.messages().size();
                            if (!page.hasMore()) {
                                cursors.put(channelId, page.through());
                                return CompletableFuture.completedFuture(null);
                            }
                            if (total >= perChannel) {
                                cursors.put(channelId, page.through());
                                truncated.add(channelId); // the client syncs again from there
                                return CompletableFuture.completedFuture(null);
                            }
                            return changes(connection, channelId, page.through(), total, cursors, truncated);
                        }));
    }

    private CompletableFuture<Void> channel(WebSocketConnection connection, String channelId, long afterSeq, int sent,
            List<String> truncated) {
        if (!connection.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        int size = Math.min(pageSize, perChannel - sent);
        return CompletableFuture.supplyAsync(() -> messages.syncPage(channelId, afterSeq, size),
                reads).thenCompose(page -> written(connection, page).thenCompose(ignored -> {
                    if (!page.hasMore()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    int total = sent + page.messages().size();
                    if (total >= perChannel) {
                        truncated.add(channelId); // the client pages the rest over REST
                        return CompletableFuture.completedFuture(null);
                    }
                    long last = page.messages().get(page.messages().size() - 1).seq();
                    return channel(connection, channelId, last, total, truncated);
                }));
    }

    private CompletableFuture<Void> written(WebSocketConnection connection, HistoryPage page) {
        List<StoredMessage> found = page.messages();
        return writer.sendAll(connection, found.stream().map(m -> JsonText.write(json, MessageFrame.of(m))).toList());
    }

    @PreDestroy
    void stop() {
        reads.shutdownNow();
    }
}
