package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory of the target's processes from /proc: what a pod's memory limit has to hold under the load. */
final class ResidentMemory {

    private ResidentMemory() {
    }

    /** The sum over the processes of their peak resident set (VmHWM) since they started, in MiB. */
    static long peakMiB(List<Long> pids) {
        long kb = 0;
        for (long pid : pids) {
            try {
                kb += kb(pid, "VmHWM");
            } catch (IOException e) {
                // process gone or no /proc: counts nothing
            }
        }
        return kb / 1024;
    }

    /** A memory field of /proc/PID/status (VmRSS, VmHWM, ...), in KiB; 0 when absent. */
    static long kb(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(field + ":")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(0);
    }
}
