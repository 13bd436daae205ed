package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One open-loop run: each message is due at t0 + i / rate whatever the server does, carries that due time in its
 * text, and its latency is taken at every receiving member (the sender's own echo excluded) from the due time, so a
 * server that falls behind shows its queueing instead of slowing the load down. Counts what was sent, acked,
 * delivered, lost and duplicated.
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

    private int active;
    private int count;
    private long t0;
    private long interval;
    private BitSet[] seen;
    private BitSet ackedSet;
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
    }

    Result run() throws Exception {
        Target.Setup setup = target.setUp(scenario.users(), scenario.group());
        active = setup.channels().size() * scenario.group();
        count = scenario.rate() * scenario.seconds();
        seen = new BitSet[active];
        for (int u = 0; u < active; u++) {
            seen[u] = new BitSet(count);
        }
        ackedSet = new BitSet(count);
        List<CompletableFuture<BenchClient>> connecting = new ArrayList<>();
        for (int u = 0; u < active; u++) {
            int user = u;
            Target.User who = setup.users().get(u);
            connecting.add(BenchClient.connect(who.wsUri(), who.token(), frame -> onFrame(user, frame)));
        }
        List<BenchClient> clients = new ArrayList<>();
        for (CompletableFuture<BenchClient> c : connecting) {
            clients.add(c.get(60, TimeUnit.SECONDS));
        }
        if (target.joinsOverSocket()) {
            for (int k = 0; k < setup.channels().size(); k++) {
                for (int u : setup.members().get(k)) {
                    clients.get(u).send("{\"type\":\"join\",\"channelId\":\"" + setup.channels().get(k) + "\"}");
                }
            }
            dev.parley.support.Waits.until(() -> joined.get() >= active, "every relay client to join");
        }
        Thread pinger = BenchClient.pinging(clients);

        CpuTime cpu = CpuTime.of(target.pids());
        interval = TimeUnit.SECONDS.toNanos(1) / scenario.rate();
        t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        for (int i = 0; i < count; i++) {
            long due = t0 + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int sender = i % active;
            String channel = setup.channels().get(sender / scenario.group());
            clients.get(sender).send("{\"type\":\"send\",\"channelId\":\"" + channel + "\",\"clientMsgId\":\"b" + run + "-" + i
                    + "\",\"text\":\"" + marker + i + "|" + due + "|" + PADDING + "\"}");
        }
        long expected = (long) count * (scenario.group() - 1);
        long quietSince = System.nanoTime();
        long lastSeen = -1;
        while (delivered.get() < expected || acked.get() < count) {
            long now = System.nanoTime();
            long progress = delivered.get() + acked.get() + errors.get();
            if (progress != lastSeen) {
                lastSeen = progress;
                quietSince = now;
            } else if (now - quietSince > drainQuiet.toNanos()) {
                break; // nothing arrived for a while: what is missing now is lost
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        CpuTime.Cores cores = cpu.coresSince();
        pinger.interrupt();
        clients.parallelStream().forEach(BenchClient::close);
        errorCodes.forEach((code, n) -> System.out.printf("  %s: %d error frames '%s'%n", target.name(), n.get(), code));
        BenchClient.takeServerCloses().forEach((why, n) -> System.out.printf(
                "  %s: %d sockets closed by the server during the run (%s); their users miss what followed%n",
                target.name(), n, why));
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

    private boolean isSeen(int member, int i) {
        synchronized (seen[member]) {
            return seen[member].get(i);
        }
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
            if (i % active == user) {
                return; // the sender's own echo
            }
            boolean first;
            synchronized (seen[user]) {
                first = !seen[user].get(i);
                seen[user].set(i);
            }
            if (!first) {
                duplicates.incrementAndGet();
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
                synchronized (ackedSet) {
                    ackedSet.set(i);
                }
                acked.incrementAndGet();
            }
        } else if (frame.startsWith("{\"type\":\"error\"")) {
            errors.incrementAndGet();
            String code = frame.replaceFirst("^.*\"code\":\"([^\"]*)\".*$", "$1");
            errorCodes.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
        } else if (frame.startsWith("{\"type\":\"joined\"")) {
            joined.incrementAndGet();
        }
    }
}
