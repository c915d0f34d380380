package io.integrationregistry.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time against this process's (and its ended children's), from /proc, so that a figure
 * can say how much of the CPU other processes took while it was measured.
 */
record MachineLoad(long machineBusy, long machineTotal, long ownBusy) {

    static MachineLoad now() {
        try {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0);
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] own = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
            long ownBusy = Long.parseLong(own[11])
                    + Long.parseLong(own[12])
                    + Long.parseLong(own[13])
                    + Long.parseLong(own[14]);
            return new MachineLoad(total - idle, total, ownBusy);
        } catch (IOException | RuntimeException unavailable) {
            return new MachineLoad(0, 0, 0);
        }
    }

    /** The share (0..1) of the machine's CPU that other processes used since {@code before}. */
    double othersShareSince(MachineLoad before) {
        long total = machineTotal - before.machineTotal;
        if (total <= 0) {
            return Double.NaN;
        }
        long others = (machineBusy - before.machineBusy) - (ownBusy - before.ownBusy);
        return Math.max(0, (double) others / total);
    }
}
