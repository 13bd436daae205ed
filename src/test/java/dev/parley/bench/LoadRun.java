package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import dev.parley.support.ProtocolClient;

/**
 * One open-loop run: each message is due at t0 + i / rate whatever the server does, carries that due time in its
 * text, and its latency is taken at every receiving member (the sender's own echo excluded) from the due time, so a
 * server that falls behind shows its queueing instead of slowing the load down. Counts what was sent, acked,
 * delivered, lost and duplicated. A socket the server closes is opened again as docs/protocol.md tells clients to
 * (ask {@code /connect} where, at once on 4010 and 1012; then sync from the last seq held and resend what was not
 * acked), so a run that meets a rebalance or a drain measures what the move costs, not losses no client would see.
 * A send refused for a reason that passes (internal_error, overloaded, rate_limited) is resent a second later with
 * the same clientMsgId, and a refused sync (such an error without a ref) is sent again, as clients do too.
 */
final class LoadRun {

    /** users in channels of group members each (2: direct chats), rate messages a second for seconds. */
    record Scenario(int users, int group, int rate, int seconds) {
        String label() {
            return users + " users, " + (group == 2 ? "1:1" : "groups of " + group) + ", " + rate + " msg/s";
        }
    }

    record Result(String target, Scenario scenario, long sent, long acked, long expected, long delivered, long lost,
            long duplicates, long errors, double deliveriesPerSecond, Histogram latency, CpuTime.Cores cores,
            long targetPeakRssMiB) {
    }

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final String PADDING = " the quick brown fox jumps over the lazy dog, 다람쥐 헌 쳇바퀴에 타고파";

    private final Target target;
    private final Scenario scenario;
    private final Duration warmup;
    private final Duration drainQuiet;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String marker;
    private final String ackMarker;
    private final String refMarker;

    private int active;
    private int count;
    private long t0;
    private long interval;
    private Target.Setup setup;
    private BitSet[] seen;
    private BitSet ackedSet;
    private AtomicReferenceArray<BenchClient> sockets;
    /** Per user, the highest seq it has seen of its channel (each user is in one channel): its sync cursor. */
    private AtomicLongArray cursors;
    /** Per send, the seq its message got (0 until seen): a second seq for one send is a duplicate message. */
    private AtomicLongArray seqOf;
    private volatile int issued;
    private volatile boolean finished;
    private final AtomicLong repeats = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong reconnectsGivenUp = new AtomicLong();
    /** One task per retryable error frame, each done within a second: at most the run's sends and syncs wait here. */
    private final ScheduledExecutorService retrying = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-retry");
        thread.setDaemon(true);
        return thread;
    });
    /** Per user, the cursor its last sync asked from: a refused sync is sent again from there. */
    private AtomicLongArray syncedFrom;
    private final ExecutorService reconnecting = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "bench-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong joined = new AtomicLong();
    private volatile long lastArrival;
    private final ConcurrentHistogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
    private final ConcurrentHashMap<String, AtomicLong> errorCodes = new ConcurrentHashMap<>();

    LoadRun(Target target, Scenario scenario, Duration warmup, Duration drainQuiet) {
        this.target = target;
        this.scenario = scenario;
        this.warmup = warmup;
        this.drainQuiet = drainQuiet;
        this.marker = "bench|" + run + "|";
        this.ackMarker = "\"clientMsgId\":\"b" + run + "-";
        this.refMarker = "\"ref\":\"b" + run + "-";
    }

    Result run() throws Exception {
        setup = target.setUp(scenario.users(), scenario.group());
        active = setup.channels().size() * scenario.group();
        count = scenario.rate() * scenario.seconds();
        seen = new BitSet[active];
        for (int u = 0; u < active; u++) {
            seen[u] = new BitSet(count);
        }
        ackedSet = new BitSet(count);
        sockets = new AtomicReferenceArray<>(active);
        cursors = new AtomicLongArray(active);
        syncedFrom = new AtomicLongArray(active);
        seqOf = new AtomicLongArray(count);
        List<CompletableFuture<BenchClient>> connecting = new ArrayList<>();
        for (int u = 0; u < active; u++) {
            int user = u;
            Target.User who = setup.users().get(u);
            connecting.add(BenchClient.connect(who.wsUri(), who.token(), frame -> onFrame(user, frame),
                    code -> onServerClose(user, code)));
        }
        for (int u = 0; u < active; u++) {
            sockets.set(u, connecting.get(u).get(60, TimeUnit.SECONDS));
        }
        if (target.joinsOverSocket()) {
            for (int k = 0; k < setup.channels().size(); k++) {
                for (int u : setup.members().get(k)) {
                    sockets.get(u).send("{\"type\":\"join\",\"channelId\":\"" + setup.channels().get(k) + "\"}");
                }
            }
            dev.parley.support.Waits.until(() -> joined.get() >= active, "every relay client to join");
        }
        Thread pinger = BenchClient.pinging(this::currentSockets);

        CpuTime cpu = CpuTime.of(target.pids());
        interval = TimeUnit.SECONDS.toNanos(1) / scenario.rate();
        t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        for (int i = 0; i < count; i++) {
            long due = t0 + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sockets.get(i % active).send(sendFrame(i));
            issued = i + 1;
        }
        long expected = (long) count * (scenario.group() - 1);
        long quietSince = System.nanoTime();
        long lastSeen = -1;
        boolean resentAfterQuiet = false;
        while (delivered.get() < expected || acked.get() < count) {
            long now = System.nanoTime();
            long progress = delivered.get() + acked.get() + errors.get();
            if (progress != lastSeen) {
                lastSeen = progress;
                quietSince = now;
            } else if (!resentAfterQuiet && reconnects.get() > 0 && now - quietSince > TimeUnit.SECONDS.toNanos(2)) {
                // A send written as its socket was being replaced went nowhere: resent, as a client whose ack is
                // late does. Only in runs that reconnected, so other runs count exactly what they always did.
                resentAfterQuiet = true;
                for (int user = 0; user < active; user++) {
                    resendUnacked(user, sockets.get(user));
                }
            } else if (now - quietSince > drainQuiet.toNanos()) {
                break; // nothing arrived for a while: what is missing now is lost
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        CpuTime.Cores cores = cpu.coresSince();
        finished = true;
        pinger.interrupt();
        reconnecting.shutdownNow();
        retrying.shutdownNow();
        currentSockets().parallelStream().forEach(BenchClient::close);
        errorCodes.forEach((code, n) -> System.out.printf("  %s: %d error frames '%s'%n", target.name(), n.get(), code));
        BenchClient.takeServerCloses().forEach((why, n) -> System.out.printf(
                "  %s: %d sockets closed by the server during the run (%s)%n", target.name(), n, why));
        if (reconnects.get() + reconnectsGivenUp.get() > 0) {
            System.out.printf("  %s: %d sockets opened again (where /connect said, synced from their cursor, unacked"
                    + " sends resent); %d given up after 5 attempts%n", target.name(), reconnects.get(),
                    reconnectsGivenUp.get());
        }
        if (repeats.get() > 0) {
            System.out.printf("  %s: %d frames repeated a seq already held (at least once: dropped, as clients do)%n",
                    target.name(), repeats.get());
        }
        return result(setup, expected, cores);
    }

    private Result result(Target.Setup setup, long expected, CpuTime.Cores cores) {
        long lost = 0;
        long ackedCount;
        synchronized (ackedSet) {
            ackedCount = ackedSet.cardinality();
            for (int i = ackedSet.nextSetBit(0); i >= 0; i = ackedSet.nextSetBit(i + 1)) {
                int sender = i % active;
                for (int member : setup.members().get(sender / scenario.group())) {
                    if (member != sender && !isSeen(member, i)) {
                        lost++;
                    }
                }
            }
        }
        double window = (lastArrival - t0) / 1e9;
        return new Result(target.name(), scenario, count, ackedCount, expected, delivered.get(), lost, duplicates.get(),
                errors.get(), window > 0 ? delivered.get() / window : 0, latency, cores,
                ResidentMemory.peakMiB(target.pids()));
    }

    private String sendFrame(int i) {
        String channel = setup.channels().get(i % active / scenario.group());
        return "{\"type\":\"send\",\"channelId\":\"" + channel + "\",\"clientMsgId\":\"b" + run + "-" + i
                + "\",\"text\":\"" + marker + i + "|" + (t0 + i * interval) + "|" + PADDING + "\"}";
    }

    private List<BenchClient> currentSockets() {
        List<BenchClient> current = new ArrayList<>(active);
        for (int u = 0; u < active; u++) {
            current.add(sockets.get(u));
        }
        return current;
    }

    /** On the client's event loop: the reconnect runs elsewhere, as it waits. */
    private void onServerClose(int user, int code) {
        if (!finished) {
            reconnecting.execute(() -> reconnect(user, code == 4010 || code == 1012 ? 0 : 1000));
        }
    }

    private void reconnect(int user, long delayMillis) {
        Target.User who = setup.users().get(user);
        // Taken before the new socket opens: its first live frames may come before the sync is written, and a
        // cursor moved past the gap would skip it.
        long cursor = cursors.get(user);
        for (int attempt = 1; attempt <= 5 && !finished; attempt++) {
            try {
                Thread.sleep(delayMillis);
                BenchClient fresh = BenchClient.connect(target.whereToReconnect(who), who.token(),
                        frame -> onFrame(user, frame), code -> onServerClose(user, code)).get(30, TimeUnit.SECONDS);
                sockets.set(user, fresh); // before resending: a send issued from now on goes to the new socket
                syncedFrom.set(user, cursor);
                fresh.send(syncFrame(user, cursor));
                resendUnacked(user, fresh);
                reconnects.incrementAndGet();
                return;
            } catch (InterruptedException e) {
                return; // the run is over
            } catch (Exception e) {
                delayMillis = 1000L * attempt;
            }
        }
        reconnectsGivenUp.incrementAndGet();
    }

    /** The user's sends issued so far and not acked, again with the same clientMsgId. */
    private void resendUnacked(int user, BenchClient socket) {
        int upTo = issued;
        for (int i = user; i < upTo; i += active) {
            if (!isAcked(i)) {
                socket.send(sendFrame(i));
            }
        }
    }

    private String syncFrame(int user, long cursor) {
        return "{\"type\":\"sync\",\"cursors\":{\"" + setup.channels().get(user / scenario.group()) + "\":" + cursor + "}}";
    }

    /** A refused send (its ref names it) is resent a second later unless acked meanwhile; a refused sync is sent again. */
    private void retryLater(int user, String frame) {
        int at = frame.indexOf(refMarker);
        int send = at < 0 ? -1 : Integer.parseInt(frame, at + refMarker.length(), frame.indexOf('"', at + refMarker.length()), 10);
        retrying.schedule(() -> {
            if (finished) {
                return;
            }
            if (send < 0) {
                sockets.get(user).send(syncFrame(user, syncedFrom.get(user)));
                return;
            }
            if (!isAcked(send)) {
                sockets.get(user).send(sendFrame(send));
            }
        }, 1, TimeUnit.SECONDS);
    }

    private boolean isAcked(int i) {
        synchronized (ackedSet) {
            return ackedSet.get(i);
        }
    }

    private boolean isSeen(int member, int i) {
        synchronized (seen[member]) {
            return seen[member].get(i);
        }
    }

    /** The message frame's seq (the relay's frames have none: 0). */
    private static long seqIn(String frame) {
        int at = frame.indexOf("\"seq\":");
        if (at < 0) {
            return 0;
        }
        int start = at + 6;
        int end = start;
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
        }
        return end > start ? Long.parseLong(frame, start, end, 10) : 0;
    }

    /** Frames are scanned, not parsed: the load generator shares the machine with the target. */
    private void onFrame(int user, String frame) {
        long now = System.nanoTime();
        if (frame.startsWith("{\"type\":\"message\"")) {
            int at = frame.indexOf(marker);
            if (at < 0) {
                return;
            }
            int start = at + marker.length();
            int bar = frame.indexOf('|', start);
            int i = Integer.parseInt(frame, start, bar, 10);
            long due = Long.parseLong(frame, bar + 1, frame.indexOf('|', bar + 1), 10);
            long seq = seqIn(frame);
            cursors.accumulateAndGet(user, seq, Math::max);
            if (!seqOf.compareAndSet(i, 0, seq) && seqOf.get(i) != seq) {
                duplicates.incrementAndGet(); // one send stored as two messages
                return;
            }
            if (i % active == user) {
                return; // the sender's own echo
            }
            boolean first;
            synchronized (seen[user]) {
                first = !seen[user].get(i);
                seen[user].set(i);
            }
            if (!first) {
                repeats.incrementAndGet(); // the same message again (live and by sync, say): allowed, dropped
                return;
            }
            delivered.incrementAndGet();
            lastArrival = now;
            if (due - t0 >= warmup.toNanos()) {
                latency.recordValue(Math.min(MAX_MICROS, Math.max(1, (now - due) / 1000)));
            }
        } else if (frame.startsWith("{\"type\":\"ack\"")) {
            int at = frame.indexOf(ackMarker);
            if (at >= 0) {
                int start = at + ackMarker.length();
                int i = Integer.parseInt(frame, start, frame.indexOf('"', start), 10);
                boolean first;
                synchronized (ackedSet) {
                    first = !ackedSet.get(i);
                    ackedSet.set(i);
                }
                if (first) { // a resend's ack repeats the first one's
                    acked.incrementAndGet();
                }
            }
        } else if (frame.startsWith("{\"type\":\"error\"")) {
            errors.incrementAndGet();
            String code = frame.replaceFirst("^.*\"code\":\"([^\"]*)\".*$", "$1");
            errorCodes.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
            if (ProtocolClient.RETRYABLE.contains(code)) {
                retryLater(user, frame);
            }
        } else if (frame.startsWith("{\"type\":\"joined\"")) {
            joined.incrementAndGet();
        }
    }
}
