package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time from /proc, as cores busy over a stretch: of the target's processes; of the servers it stands on (every
 * other process this benchmark started: the cluster's PostgreSQL, Redis, Kafka, dynalite and s3rver, an embedded
 * pod's PostgreSQL), as they were when the stretch began; of the load generator (this JVM); and of the whole machine.
 */
final class CpuTime {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** Cores busy over the stretch, by whom. */
    record Cores(double target, double servers, double loadGenerator, double machine) {
    }

    private final List<Long> pids;
    private final List<Long> serverPids;
    private final List<Long> self = List.of(ProcessHandle.current().pid());
    private final long startNanos;
    private final long startTargetTicks;
    private final long startServerTicks;
    private final long startSelfTicks;
    private final long startMachineBusy;
    private final long startMachineTotal;

    private CpuTime(List<Long> pids) {
        this.pids = pids;
        this.serverPids = java.util.stream.Stream.concat(ProcessHandle.current().descendants(), embeddedPostgres())
                .map(ProcessHandle::pid).filter(pid -> !pids.contains(pid)).distinct().toList();
        this.startNanos = System.nanoTime();
        this.startTargetTicks = ticks(pids);
        this.startServerTicks = ticks(serverPids);
        this.startSelfTicks = ticks(self);
        long[] machine = machineTicks();
        this.startMachineBusy = machine[0];
        this.startMachineTotal = machine[1];
    }

    static CpuTime of(List<Long> pids) {
        return new CpuTime(pids);
    }

    Cores coresSince() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long[] machine = machineTicks();
        double cores = Runtime.getRuntime().availableProcessors();
        long total = machine[1] - startMachineTotal;
        double busy = total == 0 ? 0 : cores * (machine[0] - startMachineBusy) / (double) total;
        return new Cores((ticks(pids) - startTargetTicks) / TICKS_PER_SECOND / seconds,
                (ticks(serverPids) - startServerTicks) / TICKS_PER_SECOND / seconds,
                (ticks(self) - startSelfTicks) / TICKS_PER_SECOND / seconds, busy);
    }

    /**
     * The PostgreSQL servers started from zonky's binaries (the cluster stack's, an embedded pod's) with their
     * backends: pg_ctl leaves them to init, so they are not descendants of whoever started them.
     */
    private static java.util.stream.Stream<ProcessHandle> embeddedPostgres() {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.contains("embedded-pg") && c.endsWith("/postgres")).orElse(false))
                .flatMap(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants()));
    }

    private static long ticks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                // process gone or no /proc: counts nothing
            }
        }
        return sum;
    }

    /** {busy, total} jiffies of all cores. */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] { total - idle, total };
        } catch (IOException | RuntimeException e) {
            return new long[] { 0, 0 };
        }
    }
}
