package io.volumegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, from /proc (Linux): what a server spends per request, whatever else the machine does. */
final class ProcessCpu {
    private ProcessCpu() {}

    /** User plus system CPU seconds of {@code pid} so far; NaN without a pid or /proc. */
    static double seconds(long pid) {
        if (pid <= 0) return Double.NaN;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime + stime, USER_HZ
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
