package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time from /proc: of the target's processes, and of the whole machine, as cores busy over a stretch. */
final class CpuTime {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final List<Long> pids;
    private final long startNanos;
    private final long startTargetTicks;
    private final long startMachineBusy;
    private final long startMachineTotal;

    private CpuTime(List<Long> pids) {
        this.pids = pids;
        this.startNanos = System.nanoTime();
        this.startTargetTicks = targetTicks(pids);
        long[] machine = machineTicks();
        this.startMachineBusy = machine[0];
        this.startMachineTotal = machine[1];
    }

    static CpuTime of(List<Long> pids) {
        return new CpuTime(pids);
    }

    /** {target cores busy, machine cores busy} since this was taken. */
    double[] coresSince() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double target = (targetTicks(pids) - startTargetTicks) / TICKS_PER_SECOND / seconds;
        long[] machine = machineTicks();
        double cores = Runtime.getRuntime().availableProcessors();
        long total = machine[1] - startMachineTotal;
        double busy = total == 0 ? 0 : cores * (machine[0] - startMachineBusy) / (double) total;
        return new double[] { target, busy };
    }

    private static long targetTicks(List<Long> pids) {
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
